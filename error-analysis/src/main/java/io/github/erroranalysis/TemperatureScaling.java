package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.Objects;

/**
 * Temperature scaling (Guo et al. 2017): one scalar T > 0 that divides every logit before the softmax,
 * {@code softmax(z / T)}, fitted on held-out data by minimising the negative log-likelihood; the predicted class,
 * and so the accuracy, is unchanged. From probabilities the logits are {@code z = ln(max(p, 1e-12))}, which equal
 * the model's logits up to a constant per row where no probability is below the floor; given the logits themselves,
 * {@link #fitLogits} and {@link #applyLogits} use them.
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
     * {@code [MIN_TEMPERATURE, MAX_TEMPERATURE]} (Newton's method on 1/T, where the NLL is convex, kept inside a
     * bracket by bisection). When the NLL still falls at a bound (every fit example predicted right: T toward 0;
     * confidently wrong more often than right: T toward infinity), the fit returns that bound exactly and
     * {@link #boundReached()} says so.
     *
     * @param heldOut the analysis of data the report will not score, such as the validation pile
     * @return the fitted scaling
     * @throws IllegalArgumentException when fewer than two classes are present among the true classes
     */
    public static TemperatureScaling fit(ErrorAnalysis heldOut) {
        Objects.requireNonNull(heldOut, "heldOut");
        return fit(heldOut.context(), null);
    }

    /**
     * Fits T on the logits themselves, when the model's logits are known (such as {@code --logits}): the minimum of
     * the mean NLL of {@code softmax(z / T)} (Guo et al.'s definition), by the same Newton fit as
     * {@link #fit(ErrorAnalysis)}, which has only the probabilities and so floors them at {@code 1e-12} (an
     * over-confident model's tiny probabilities would move T).
     *
     * @param logits the N×C logits the analysis was made from ({@link ErrorAnalysis#fromLogits})
     * @param heldOut the analysis of those logits: its true classes and class names
     * @return the fitted scaling
     * @throws IllegalArgumentException when the logits are not N×C for the analysis's N examples and C classes, a
     *                                  logit is not finite, or fewer than two classes are present
     */
    public static TemperatureScaling fitLogits(NumberArray logits, ErrorAnalysis heldOut) {
        Objects.requireNonNull(heldOut, "heldOut");
        return fit(heldOut.context(), logits(logits, heldOut.context()));
    }

    /** The one fit: on z (row-major logits), or on the floored logarithms of the probabilities when z is null. */
    private static TemperatureScaling fit(AnalysisContext context, double[] given) {
        java.util.List<String> present = new java.util.ArrayList<>();
        for (int c = 0; c < context.classCount(); c++) {
            if (context.support(c) > 0) {
                present.add(context.classNames().get(c));
            }
        }
        if (present.size() < 2) {
            throw new IllegalArgumentException("a temperature is fitted on examples of at least 2 classes, but "
                    + (present.isEmpty() ? "no class is" : "only class '" + present.get(0) + "' is")
                    + " present among the " + context.examples() + " examples");
        }
        double[] z = given != null ? given : logits(context);
        int classes = context.classCount();
        int[] labels = context.labels();
        double[] derivatives = new double[2];
        double before = nll(z, labels, classes, 1, derivatives); // beta = 1 / T = 1, where Newton starts
        double g = derivatives[0];
        double h = derivatives[1];
        double temperature;
        if (g == 0) {
            temperature = 1;
        } else if (g < 0) {
            // the NLL falls beyond beta = 1: the minimum is a T below 1, or the lower bound
            nll(z, labels, classes, 1 / MIN_TEMPERATURE, derivatives);
            temperature = derivatives[0] <= 0 ? MIN_TEMPERATURE
                    : 1 / newton(z, labels, classes, 1, 1 / MIN_TEMPERATURE, g, h, derivatives);
        } else {
            // the NLL falls toward beta = 0: the minimum is a T above 1, or the upper bound
            nll(z, labels, classes, 1 / MAX_TEMPERATURE, derivatives);
            temperature = derivatives[0] >= 0 ? MAX_TEMPERATURE
                    : 1 / newton(z, labels, classes, 1 / MAX_TEMPERATURE, 1, g, h, derivatives);
        }
        return new TemperatureScaling(temperature, labels.length, context.classNames(), before,
                nll(z, labels, classes, 1 / temperature, null));
    }

    /**
     * The root of the NLL's derivative in beta within the bracket {@code (lo, hi)}, where it is negative at lo and
     * positive at hi: Newton's steps from beta = 1 (one end of the bracket, with its derivatives g and h), bisection
     * whenever a step would leave the bracket.
     */
    private static double newton(double[] z, int[] labels, int classes, double lo, double hi, double g, double h,
            double[] derivatives) {
        double beta = 1;
        for (int iteration = 0; iteration < 200; iteration++) {
            double next = h > 0 ? beta - g / h : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = lo + (hi - lo) / 2; // bisection keeps the bracket when Newton leaves it
            }
            // Newton converges quadratically: a step below 1e-9 leaves an error near 1e-18, the sums' rounding noise
            if (Math.abs(next - beta) <= 1e-9 * beta || hi - lo <= 1e-15 * beta) {
                return next;
            }
            beta = next;
            nll(z, labels, classes, beta, derivatives);
            g = derivatives[0];
            h = derivatives[1];
            if (g == 0) {
                return beta;
            }
            if (g > 0) {
                hi = beta;
            } else {
                lo = beta;
            }
        }
        return beta;
    }

    /**
     * Tells whether a fit ran into a bound of {@code [MIN_TEMPERATURE, MAX_TEMPERATURE]}: the NLL of the fit data
     * still falls beyond it, so T is the bound itself, not a minimum (a temperature given by hand never is).
     *
     * @return whether this is a fit whose T is {@link #MIN_TEMPERATURE} or {@link #MAX_TEMPERATURE}
     */
    public boolean boundReached() {
        return examples > 0 && (temperature == MIN_TEMPERATURE || temperature == MAX_TEMPERATURE);
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

    /** Checks given logits against an analysis (N×C, finite) and gives them row-major in double. */
    private static double[] logits(NumberArray logits, AnalysisContext context) {
        Objects.requireNonNull(logits, "logits");
        long[] shape = logits.shape();
        if (shape.length != 2 || shape[0] != context.examples() || shape[1] != context.classCount()) {
            throw new IllegalArgumentException("the logits are " + java.util.Arrays.toString(shape) + ", but the "
                    + "analysis has " + context.examples() + " examples of " + context.classCount() + " classes");
        }
        double[] z = new double[logits.length()];
        for (int i = 0; i < z.length; i++) {
            z[i] = logits.get(i);
            if (!Double.isFinite(z[i])) {
                throw new IllegalArgumentException(Formats.format("example %d: logit of class %d is %s, not a "
                        + "finite number", i / context.classCount(), i % context.classCount(), z[i]));
            }
        }
        return z;
    }

    /** The examples of one chunk of the NLL's sums, added in chunk order so no result depends on the threads. */
    private static final int CHUNK = 1 << 16;

    /**
     * The mean NLL of softmax(beta·z); with {@code derivatives}, also its first and second derivatives in beta. The
     * sums are made per chunk of {@value #CHUNK} examples (in parallel when there are several) and added in chunk
     * order.
     */
    private static double nll(double[] z, int[] labels, int classes, double beta, double[] derivatives) {
        int n = labels.length;
        int chunks = (n + CHUNK - 1) / CHUNK;
        java.util.stream.IntStream range = java.util.stream.IntStream.range(0, chunks);
        if (chunks > 1) {
            range = range.parallel();
        }
        double[][] parts = range.mapToObj(k -> nllSums(z, labels, classes, beta, k * CHUNK,
                Math.min(n, (k + 1) * CHUNK))).toArray(double[][]::new);
        double sum = 0;
        double first = 0;
        double second = 0;
        for (double[] p : parts) {
            sum += p[0];
            first += p[1];
            second += p[2];
        }
        if (derivatives != null) {
            derivatives[0] = first / n;
            derivatives[1] = second / n;
        }
        return sum / n;
    }

    /** The sums of the NLL and of its two derivatives over examples {@code from} (inclusive) to {@code to}. */
    private static double[] nllSums(double[] z, int[] labels, int classes, double beta, int from, int to) {
        double sum = 0;
        double first = 0;
        double second = 0;
        for (int i = from, off = from * classes; i < to; i++, off += classes) {
            double top = z[off];
            for (int c = 1; c < classes; c++) {
                top = Math.max(top, z[off + c]);
            }
            double max = beta * top; // the largest of beta·z, as beta > 0
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
            second += Math.max(0, square - mean * mean);
        }
        return new double[] {sum, first, second};
    }

    /**
     * Applies T to another analysis: every row's probabilities become {@code softmax(ln(max(p, 1e-12)) / T)}, in
     * double, stored as float; true classes, origins and class names are kept, and so is every predicted class.
     *
     * @param analysis the analysis to rescale
     * @return the rescaled analysis
     * @throws IllegalArgumentException naming both lists of classes when T was fitted on other classes than the
     *                                  analysis has, naming T and the first example where ln(p)/T overflows (a T
     *                                  such as 1e-307), or naming T and the first example whose predicted class
     *                                  would change (two classes' scaled probabilities equal in float)
     */
    public ErrorAnalysis apply(ErrorAnalysis analysis) {
        checkClasses(analysis);
        AnalysisContext context = analysis.context();
        int classes = context.classCount();
        float[] p = context.probs();
        float[] out = new float[p.length];
        double[] row = new double[classes];
        double[] scratch = new double[classes];
        for (int off = 0, r = 0; off < p.length; off += classes, r++) {
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                row[c] = Math.log(Math.max(p[off + c], PROBABILITY_FLOOR)) / temperature;
                max = Math.max(max, row[c]);
                min = Math.min(min, row[c]);
            }
            if (!Double.isFinite(max) || !Double.isFinite(min)) {
                // ln(p) / T beyond the largest double (T below about 1.5e-307): the softmax is NaN once all overflow
                throw new IllegalArgumentException(Formats.format("the temperature %s is too small to apply: "
                        + "ln(p)/T overflows at example %d%s", Double.toString(temperature), r,
                        analysis.origin(r).map(o -> " (" + o + ")").orElse("")));
            }
            Softmax.row(row, classes, r, scratch); // the core's one softmax, in double
            for (int c = 0; c < classes; c++) {
                out[off + c] = (float) row[c];
            }
        }
        return rescaled(analysis, out);
    }

    /**
     * Applies T to the logits an analysis was made from: every row's probabilities become {@code softmax(z / T)}
     * (the core's one softmax, as {@link ErrorAnalysis#fromLogits} takes it), not the softmax of the floored
     * logarithms of its probabilities; true classes, origins, class names, provenance and every predicted class are
     * kept.
     *
     * @param logits the N×C logits the analysis was made from
     * @param analysis the analysis of those logits
     * @return the rescaled analysis
     * @throws IllegalArgumentException for logits of another shape than the analysis, other classes than T was
     *                                  fitted on, or a predicted class that would change (as
     *                                  {@link #apply(ErrorAnalysis)})
     */
    public ErrorAnalysis applyLogits(NumberArray logits, ErrorAnalysis analysis) {
        checkClasses(analysis);
        AnalysisContext context = analysis.context();
        int classes = context.classCount();
        double[] z = logits(logits, context);
        for (int i = 0; i < z.length; i++) {
            z[i] /= temperature;
        }
        return rescaled(analysis, Softmax.narrowed(NumberArray.ofDoubles(z, context.examples(), classes), classes));
    }

    /** Refuses an analysis of other classes than the ones T was fitted on (a T given by hand fits any). */
    private void checkClasses(ErrorAnalysis analysis) {
        Objects.requireNonNull(analysis, "analysis");
        if (!classes.isEmpty() && !classes.equals(analysis.classNames())) {
            throw new IllegalArgumentException(Formats.format("temperature T = %s was fitted on the classes %s, but "
                    + "the analysis has the classes %s", temperature, String.join(", ", classes),
                    String.join(", ", analysis.classNames())));
        }
    }

    /**
     * Makes the rescaled analysis from its new probabilities, keeping true classes, origins, class names and
     * provenance, and refusing T by name at the first example whose predicted class would change (the most probable
     * class, the lowest index on ties, as the analysis predicts).
     */
    private ErrorAnalysis rescaled(ErrorAnalysis analysis, float[] out) {
        AnalysisContext context = analysis.context();
        int classes = context.classCount();
        for (int off = 0, r = 0; off < out.length; off += classes, r++) {
            int after = 0;
            for (int c = 1; c < classes; c++) {
                if (out[off + c] > out[off + after]) {
                    after = c;
                }
            }
            int before = analysis.predictedClass(r);
            if (after != before) {
                throw new IllegalArgumentException(Formats.format("temperature T = %s would change the predicted "
                        + "class of example %d%s from %s to %s (their scaled probabilities are equal in float, "
                        + "which the analysis stores); temperature scaling must keep every prediction, so T is "
                        + "refused", temperature, r, analysis.origin(r).map(o -> " (" + o + ")").orElse(""),
                        context.classNames().get(before), context.classNames().get(after)));
            }
        }
        return AnalysisFactories.create(context.classNames(), classes, out, context.labels().clone(),
                context.origins() == null ? null : context.origins().clone())
                .withProvenance(analysis.provenance());
    }

    /**
     * Formats a temperature for people, the one way every line and report shows T: four significant digits
     * ({@code 1.169}, {@code 0.01230}, {@code 100.0}), so a small fitted T does not read as the lower bound 0.01.
     *
     * @param temperature T
     * @return the text
     */
    public static String format(double temperature) {
        return Formats.format("%.4g", temperature);
    }

    /**
     * Says it in words.
     *
     * @return for example {@code "T = 1.5213 (fitted on 4,000 examples: NLL 0.8812 -> 0.7903)"}
     */
    @Override
    public String toString() {
        return examples == 0 ? Formats.format("T = %.4f (given)", temperature)
                : Formats.format("T = %.4f (fitted on %,d examples: NLL %.4f -> %.4f%s)", temperature, examples,
                        negativeLogLikelihoodBefore, negativeLogLikelihoodAfter, boundReached()
                                ? "; the bound of the fit: the NLL still falls beyond it" : "");
    }
}
