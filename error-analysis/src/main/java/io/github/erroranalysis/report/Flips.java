package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.ArrayList;
import java.util.List;

/** The examples two models on the same test set disagree about: right by only one of them. */
record Flips(List<Integer> onlyFirstRight, List<Integer> onlySecondRight) {

    Flips {
        onlyFirstRight = List.copyOf(onlyFirstRight);
        onlySecondRight = List.copyOf(onlySecondRight);
    }

    static Flips of(ErrorAnalysis first, ErrorAnalysis second) {
        if (first.examples() != second.examples() || !first.classNames().equals(second.classNames())) {
            throw new IllegalArgumentException("models can be compared only on the same test set, but the first has "
                    + first.examples() + " examples of " + first.classNames() + " and the second "
                    + second.examples() + " examples of " + second.classNames());
        }
        List<Integer> a = new ArrayList<>();
        List<Integer> b = new ArrayList<>();
        for (int i = 0; i < first.examples(); i++) {
            if (first.trueClass(i) != second.trueClass(i)) {
                throw new IllegalArgumentException("models can be compared only on the same test set, but example "
                        + i + " is " + first.classNames().get(first.trueClass(i)) + " for the first and "
                        + second.classNames().get(second.trueClass(i)) + " for the second");
            }
            boolean r1 = first.predictedClass(i) == first.trueClass(i);
            boolean r2 = second.predictedClass(i) == second.trueClass(i);
            if (r1 && !r2) {
                a.add(i);
            } else if (r2 && !r1) {
                b.add(i);
            }
        }
        return new Flips(a, b);
    }
}
