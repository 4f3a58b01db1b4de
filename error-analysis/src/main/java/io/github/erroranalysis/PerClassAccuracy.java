package io.github.erroranalysis;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The accuracy of each true class with its support: a step of the course that leads on to {@link #hardest()}.
 * Classes without examples have NaN accuracy, shown as "no examples".
 */
public final class PerClassAccuracy {

    private final ErrorAnalysis analysis;
    private final List<ClassAccuracy> classes;

    PerClassAccuracy(ErrorAnalysis analysis, List<ClassAccuracy> classes) {
        this.analysis = analysis;
        this.classes = List.copyOf(classes);
    }

    /**
     * Gives the analysis this comes from.
     *
     * @return the analysis
     */
    public ErrorAnalysis analysis() {
        return analysis;
    }

    /**
     * Gives each class's accuracy, in class order.
     *
     * @return an unmodifiable list with one entry per class
     */
    public List<ClassAccuracy> classes() {
        return classes;
    }

    /**
     * Gives one class's accuracy.
     *
     * @param classIndex the class index, from 0
     * @return its accuracy and support
     */
    public ClassAccuracy get(int classIndex) {
        return classes.get(Objects.checkIndex(classIndex, classes.size()));
    }

    /**
     * Gives one class's accuracy, by name.
     *
     * @param className the class name
     * @return its accuracy and support
     */
    public ClassAccuracy get(String className) {
        return get(analysis.classIndex(className));
    }

    /**
     * Finds the hardest class: the lowest accuracy among classes with examples, the lowest index on ties.
     *
     * @return the hardest class
     */
    public HardestClass hardest() {
        ClassAccuracy worst = null;
        for (ClassAccuracy a : classes) {
            if (a.support() > 0 && (worst == null || a.accuracy() < worst.accuracy())) {
                worst = a;
            }
        }
        if (worst == null) {
            throw new IllegalStateException("no class has examples");
        }
        return new HardestClass(worst.classIndex(), worst.className(), worst.accuracy(), worst.support(), worst.correct());
    }

    /**
     * Compares the per-class figures.
     *
     * @param o another object
     * @return whether it has the same per-class accuracies
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PerClassAccuracy p && classes.equals(p.classes);
    }

    /**
     * Hashes the per-class figures.
     *
     * @return a hash consistent with {@link #equals(Object)}
     */
    @Override
    public int hashCode() {
        return classes.hashCode();
    }

    /**
     * Lists one line per class.
     *
     * @return a multi-line description for people
     */
    @Override
    public String toString() {
        return classes.stream().map(ClassAccuracy::toString).collect(Collectors.joining("\n"));
    }
}
