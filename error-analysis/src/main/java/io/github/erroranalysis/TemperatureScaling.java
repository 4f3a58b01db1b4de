package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.Objects;

/**
 * Temperature scaling (Guo et al. 2017): one scalar T > 0 that divides every logit before the softmax,
 * {@code softmax(z / T)}, fitted on held-out data by minimising the negative log-likelihood; the predicted class,
 * and so the accuracy, is unchanged. From probabilities the logits are {@code z = ln(max(p, 1e-12))}, which equal
 * the model's logits up to a constant per row where no probability is below the floor.
 *
 * @param temperature T, finite and above 0 (above 1 softens over-confident probabilities)
 * @param examples the examples it was fitted on, 0 for a temperature given by hand
 * @param classes the class names of the analysis it was fitted on (empty for a temperature given by hand)
 * @param negativeLogLikelihoodBefore the mean NLL of the fit data at T = 1 (NaN for a temperature given by hand)
 * @param negativeLogLikelihoodAfter the mean NLL of the fit data at T (NaN for a temperature given by hand)
 */
public record TemperatureScaling(double temperature, int examples, java.util.List<String> classes,
        double negativeLogLikelihoodBefore, double negativeLogLikelihoodAfter) {

    /** The floor of a probability before its logarithm is taken. */
    public static final double PROBABILITY_FLOOR = 1e-12;

    /** The smallest temperature a fit may return. */
    public static final double MIN_TEMPERATURE = 0.01;

    /** The largest temperature a fit may return. */
    public static final double MAX_TEMPERATURE = 100;

    /**
     * Checks the components.
     *
     * @param temperature T
     * @param examples the fit's examples
     * @param classes the fit's class names
     * @param negativeLogLikelihoodBefore the NLL at T = 1
     * @param negativeLogLikelihoodAfter the NLL at T
     * @throws IllegalArgumentException naming the temperature when it is not a finite number above 0
     */
    public TemperatureScaling {
        checkTemperature(temperature);
        classes = java.util.List.copyOf(classes);
    }

    /**
     * Checks a temperature.
     *
     * @param temperature the temperature
     * @return it
     * @throws IllegalArgumentException {@code "a temperature must be a finite number above 0, but is -1.0"}
     */
    public static double checkTemperature(double temperature) {
        if (!(temperature > 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("a temperature must be a finite number above 0, but is " + temperature);
        }
        return temperature;
    }

    /**
     * Makes a temperature given by hand.
     *
     * @param temperature T, finite and above 0
     * @return the scaling
     */
    public static TemperatureScaling of(double temperature) {
        return new TemperatureScaling(temperature, 0, java.util.List.of(), Double.NaN, Double.NaN);
    }

    /**
     * Fits T on held-out data: the minimum of the mean NLL of {@code softmax(ln(max(p, 1e-12)) / T)} over
     * {@code [MIN_TEMPERATURE, MAX_TEMPERATURE]} (Newton's method on 1/T, where the NLL is convex).
     *
     * @param heldOut the analysis of data the report will not score, such as the validation pile
     * @return the fitted scaling
     * @throws IllegalArgumentException when fewer than two classes are present among the true classes
     */
    public static TemperatureScaling fit(ErrorAnalysis heldOut) {
        Objects.requireNonNull(heldOut, "heldOut");
        AnalysisContext context = heldOut.context();
        int present = 0;
        for (int c = 0; c < context.classCount(); c++) {
            if (context.support(c) > 0) {
                present++;
            }
        }
        if (present < 2) {
            throw new IllegalArgumentException("a temperature is fitted on examples of at least 2 classes, but only "
                    + present + " class is present among the " + context.examples() + " examples");
        }
        double[] z = logits(context);
        int n = context.examples();
        int classes = context.classCount();
        int[] labels = context.labels();
        double before = nll(z, labels, classes, 1.0, null);
        double lo = 1 / MAX_TEMPERATURE;
        double hi = 1 / MIN_TEMPERATURE;
        double beta = 1;
        double[] derivatives = new double[2];
        for (int iteration = 0; iteration < 100; iteration++) {
            nll(z, labels, classes, beta, derivatives);
            double g = derivatives[0];
            double h = derivatives[1];
            if (g > 0) {
                hi = beta;
            } else {
                lo = beta;
            }
            double next = h > 0 ? beta - g / h : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = (lo + hi) / 2; // bisection keeps the bracket when Newton leaves it
            }
            if (Math.abs(next - beta) <= 1e-15 * Math.max(1, beta)) {
                beta = next;
                break;
            }
            beta = next;
        }
        beta = Math.max(1 / MAX_TEMPERATURE, Math.min(1 / MIN_TEMPERATURE, beta));
        return new TemperatureScaling(1 / beta, n, context.classNames(), before, nll(z, labels, classes, beta, null));
    }

    /** The floored logarithms of the probabilities, row-major. */
    private static double[] logits(AnalysisContext context) {
        float[] p = context.probs();
        double[] z = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            z[i] = Math.log(Math.max(p[i], PROBABILITY_FLOOR));
        }
        return z;
    }

    /**
     * The mean NLL of softmax(beta·z); with {@code derivatives}, also its first and second derivatives in beta.
     */
    private static double nll(double[] z, int[] labels, int classes, double beta, double[] derivatives) {
        double sum = 0;
        double first = 0;
        double second = 0;
        for (int i = 0, off = 0; i < labels.length; i++, off += classes) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, beta * z[off + c]);
            }
            double s = 0;
            double mean = 0;
            double square = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(beta * z[off + c] - max);
                s += e;
                mean += e * z[off + c];
                square += e * z[off + c] * z[off + c];
            }
            mean /= s;
            square /= s;
            sum += max + Math.log(s) - beta * z[off + labels[i]];
            first += mean - z[off + labels[i]];
            second += square - mean * mean;
        }
        if (derivatives != null) {
            derivatives[0] = first / labels.length;
            derivatives[1] = second / labels.length;
        }
        return sum / labels.length;
    }

    /**
     * Applies T to another analysis: every row's probabilities become {@code softmax(ln(max(p, 1e-12)) / T)}, in
     * double, stored as float; true classes, origins and class names are kept, and so is every predicted class.
     *
     * @param analysis the analysis to rescale
     * @return the rescaled analysis
     * @throws IllegalArgumentException naming an example whose predicted class would change (two classes' scaled
     *                                  probabilities equal in float)
     */
    public ErrorAnalysis apply(ErrorAnalysis analysis) {
        Objects.requireNonNull(analysis, "analysis");
        AnalysisContext context = analysis.context();
        int classes = context.classCount();
        float[] p = context.probs();
        float[] out = new float[p.length];
        double[] row = new double[classes];
        double beta = 1 / temperature;
        for (int off = 0, r = 0; off < p.length; off += classes, r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                row[c] = beta * Math.log(Math.max(p[off + c], PROBABILITY_FLOOR));
                max = Math.max(max, row[c]);
            }
            double s = 0;
            for (int c = 0; c < classes; c++) {
                row[c] = Math.exp(row[c] - max);
                s += row[c];
            }
            for (int c = 0; c < classes; c++) {
                row[c] /= s;
            }
            NdArrays.narrowRow(row, 0, out, off, classes, r);
        }
        return AnalysisFactories.create(context.classNames(), classes, out, context.labels().clone(),
                context.origins() == null ? null : context.origins().clone())
                .withProvenance(analysis.provenance());
    }

    /**
     * Says it in words.
     *
     * @return for example {@code "T = 1.5213 (fitted on 4,000 examples: NLL 0.8812 -> 0.7903)"}
     */
    @Override
    public String toString() {
        return examples == 0 ? Formats.format("T = %.4f (given)", temperature)
                : Formats.format("T = %.4f (fitted on %,d examples: NLL %.4f -> %.4f)", temperature, examples,
                        negativeLogLikelihoodBefore, negativeLogLikelihoodAfter);
    }
}
