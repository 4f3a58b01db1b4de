package io.github.erroranalysis;

import io.github.erroranalysis.stats.Intervals;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;

/** Test analyses built from probabilities. */
final class Analyses {

    private Analyses() {
    }

    /** An analysis of rows of probabilities. */
    static ErrorAnalysis of(float[][] probs, int[] labels, List<String> names) {
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(probs), labels, names);
    }

    /** A row that predicts a class with a confidence, the rest spread evenly. */
    static float[] row(int classes, int predicted, float confidence) {
        float[] r = new float[classes];
        java.util.Arrays.fill(r, (1 - confidence) / (classes - 1));
        r[predicted] = confidence;
        return r;
    }

    /** An analysis where each example's predicted class is given, with confidence 0.9. */
    static ErrorAnalysis predicting(int[] predicted, int[] labels, List<String> names) {
        float[][] p = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            p[i] = row(names.size(), predicted[i], 0.9f);
        }
        return of(p, labels, names);
    }

    /**
     * Per class {@code c}, {@code support} examples of which the first {@code correct[c]} are predicted right and
     * the rest predicted as the next class.
     */
    static ErrorAnalysis withClassAccuracies(long[] correct, int support, List<String> names) {
        int classes = names.size();
        int[] labels = new int[classes * support];
        int[] predicted = new int[labels.length];
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < support; k++) {
                int i = c * support + k;
                labels[i] = c;
                predicted[i] = k < correct[c] ? c : (c + 1) % classes;
            }
        }
        return predicting(predicted, labels, names);
    }

    /** A simulated classifier with softmax of noisy logits, the true class's raised by {@code signal}. */
    static float[][] simulate(int[] truth, int classes, double signal, SplittableRandom random) {
        float[][] p = new float[truth.length][classes];
        double[] z = new double[classes];
        for (int i = 0; i < truth.length; i++) {
            for (int c = 0; c < classes; c++) {
                z[c] = gaussian(random) + (c == truth[i] ? signal : 0);
            }
            softmax(z, p[i]);
        }
        return p;
    }

    /** Writes the softmax of logits into a row of probabilities (the logits are overwritten). */
    static void softmax(double[] z, float[] row) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < z.length; c++) {
            row[c] = (float) (z[c] / sum);
        }
    }

    static double gaussian(SplittableRandom random) {
        double u;
        do {
            u = random.nextDouble();
        } while (u == 0);
        return Intervals.normalQuantile(u);
    }

    /** A user's own context: it shows another through the contract alone, so it has only the default sums. */
    record Plain(MetricContext inner) implements MetricContext {
        @Override
        public int examples() {
            return inner.examples();
        }

        @Override
        public int classCount() {
            return inner.classCount();
        }

        @Override
        public List<String> classNames() {
            return inner.classNames();
        }

        @Override
        public int trueClass(int example) {
            return inner.trueClass(example);
        }

        @Override
        public int predictedClass(int example) {
            return inner.predictedClass(example);
        }

        @Override
        public float probability(int example, int classIndex) {
            return inner.probability(example, classIndex);
        }

        @Override
        public long count(int trueClass, int predictedClass) {
            return inner.count(trueClass, predictedClass);
        }
    }
}
