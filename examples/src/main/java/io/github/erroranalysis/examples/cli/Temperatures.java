package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Fingerprints;
import io.github.erroranalysis.NumberArray;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.TemperatureFileException;
import io.github.erroranalysis.TemperatureFit;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.examples.BundledSample;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.stats.Interval;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Temperatures on the command line: {@code calibrate}'s fit data, {@code analyze --temperature T|bundled} and
 * {@code --temperature-file FILE.json}, and the lines that print what a temperature does.
 */
final class Temperatures {

    /** The option that gives T by hand, or {@value #BUNDLED}. */
    static final String TEMPERATURE = "--temperature";
    /** The option that gives a temperature file written by {@code calibrate}. */
    static final String TEMPERATURE_FILE = "--temperature-file";
    /** The value of {@value #TEMPERATURE} that asks for the bundled model's own fitted temperature. */
    static final String BUNDLED = "bundled";
    /** What the bundled temperatures were fitted on, in words after their count. */
    static final String BUNDLED_FIT = "other validation images";

    /** A plain decimal number, as a user types one: no hex, no {@code d}/{@code f} suffix, no NaN or Infinity. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private Temperatures() {
    }

    /**
     * A temperature given to {@code analyze}, with what it was fitted on in words for the report.
     *
     * @param scaling T and its fit (examples 0 for a temperature given by hand)
     * @param fittedOn what it was fitted on, in words after its count
     * @param source where it came from, for messages ("--temperature 1.5", "the bundled temperature of baseline")
     * @param fit the fit data's provenance (its model and fingerprint), or null for a temperature given by hand
     */
    record Given(TemperatureScaling scaling, String fittedOn, String source, Provenance fit) {
    }

    /**
     * Reads {@value #TEMPERATURE} or {@value #TEMPERATURE_FILE} (at most one), checking a fitted one's classes
     * against the analysis's.
     *
     * @param console where relative paths resolve
     * @param temperature {@value #TEMPERATURE} as typed, or null
     * @param file {@value #TEMPERATURE_FILE} as typed, or null
     * @param bundledModel the bundled model's name, or null when the model is not a bundled one
     * @return the temperature, or null when neither option was given
     * @throws BadInputException for both options, a bad number, a bad file, or {@value #BUNDLED} without a bundled
     *                           model
     */
    static Given given(Console console, String temperature, String file, String bundledModel) throws IOException {
        if (temperature != null && file != null) {
            throw new BadInputException(TEMPERATURE + " " + temperature + " and " + TEMPERATURE_FILE + " " + file
                    + ": give one temperature, not both");
        }
        if (file != null) {
            Path path = GivenPaths.file(console, TEMPERATURE_FILE, file);
            TemperatureFit fit;
            try {
                fit = TemperatureFit.read(path);
            } catch (TemperatureFileException e) {
                // a hand-written {"temperature": 1.5} lacks calibrate's other keys: point to the option for that
                String hint = Messages.oneLine(e).endsWith("the key \"schemaVersion\" is missing") ? "; for a T "
                        + "of your own give " + TEMPERATURE + " T (a file is what cifar-errors calibrate writes)" : "";
                throw new BadInputException(TEMPERATURE_FILE + " " + file + ": " + Messages.oneLine(e) + hint, e);
            } catch (IOException e) {
                throw new BadInputException(TEMPERATURE_FILE + " " + file + ": cannot read " + path + " ("
                        + Messages.reason(e) + ")", e);
            }
            return new Given(fit.scaling(), "examples of " + fit.provenance().dataSource(), TEMPERATURE_FILE + " "
                    + file, fit.provenance());
        }
        if (temperature == null) {
            return null;
        }
        if (temperature.equals(BUNDLED)) {
            if (bundledModel == null) {
                throw new BadInputException(TEMPERATURE + " " + BUNDLED + " needs a bundled model (--model "
                        + String.join(" or ", BundledModels.names()) + "), whose own fitted temperature it applies; "
                        + "for another model give T or " + TEMPERATURE_FILE + " FILE.json (see cifar-errors "
                        + "calibrate)");
            }
            return bundled(bundledModel);
        }
        if (!NUMBER.matcher(temperature.strip()).matches()) {
            throw new BadInputException(TEMPERATURE + " " + temperature + ": give a number above 0 (such as 1.5), "
                    + BUNDLED + " (a bundled model's own) or " + TEMPERATURE_FILE + " FILE.json");
        }
        try {
            return new Given(TemperatureScaling.of(Double.parseDouble(temperature.strip())), "examples",
                    TEMPERATURE + " " + temperature, null);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(TEMPERATURE + " " + temperature + ": " + Messages.oneLine(e), e);
        }
    }

    /**
     * Gives a bundled model's own temperature, fitted on the validation pile without the bundled sample.
     *
     * @param model {@code baseline} or {@code augmented}
     * @return the temperature
     * @throws IOException if the build lacks it
     */
    static Given bundled(String model) throws IOException {
        TemperatureFit fit = BundledModels.temperature(model);
        return new Given(fit.scaling(), BUNDLED_FIT, "the bundled temperature of " + model, fit.provenance());
    }

    /**
     * Decides what {@code analyze} does with a temperature: the given one is applied to the analysis before
     * everything (report, gates, JSON), to its logits when they were read ({@code --logits}: {@code softmax(z / T)});
     * without one, the main job (a bundled model on the bundled sample) shows what the bundled model's own
     * temperature would do, without applying it; otherwise nothing.
     *
     * @param given the temperature given, or null
     * @param analysis the analysis as the model gave it
     * @param bundledOnSample the bundled model's name when the analysis is of it on the bundled sample, else null
     * @param inSample how many of the analysed examples the given temperature was fitted on ({@link #inSample})
     * @param logits the logits the analysis was made from, or null
     * @return the analysis to report and the report's temperature block (null for none)
     * @throws IOException if the bundled temperature is not in this build
     */
    static Scaled scale(Given given, ErrorAnalysis analysis, String bundledOnSample, int inSample,
            NumberArray logits) throws IOException {
        if (given != null) {
            ErrorAnalysis scaled = apply(given, analysis, logits);
            // "other validation images" would be false when these are some of them
            String fittedOn = inSample > 0 && given.fittedOn().equals(BUNDLED_FIT) ? "validation images"
                    : given.fittedOn();
            return new Scaled(scaled, new ErrorReport.Temperature(CalibrationChange.of(analysis, scaled,
                    given.scaling()), true, fittedOn, inSample));
        }
        if (bundledOnSample != null) {
            Given bundled = bundled(bundledOnSample);
            return new Scaled(analysis, new ErrorReport.Temperature(CalibrationChange.of(analysis,
                    apply(bundled, analysis), bundled.scaling()), false, bundled.fittedOn()));
        }
        return new Scaled(analysis, null);
    }

    /**
     * The analysis {@code analyze} reports, and the temperature block of its report.
     *
     * @param analysis the analysis, scaled when a temperature was applied
     * @param temperature what the temperature did or would do, or null for none
     */
    record Scaled(ErrorAnalysis analysis, ErrorReport.Temperature temperature) {
    }

    /**
     * Says in one line what a temperature did or would do, for {@code analyze}'s summary.
     *
     * @param t the report's temperature block
     * @return for example {@code "temperature T = 1.17 applied: ECE 4.2 % [..] -> 3.3 % [..], log loss ..."}, or
     *         {@code "the bundled temperature T = 1.17 (fitted on 4,000 other validation images) would take ECE
     *         from 4.2 % to 3.3 %; apply it with --temperature bundled"}
     */
    static String line(ErrorReport.Temperature t) {
        CalibrationChange c = t.change();
        TemperatureScaling s = c.scaling();
        if (t.applied()) {
            return "temperature T = " + t(s.temperature()) + " applied: " + change(c) + " (accuracy unchanged"
                    + (c.logLossAfter().estimate() > c.logLossBefore().estimate()
                            ? "; worse on these data: the log loss rises" : "") + ")";
        }
        return "the bundled temperature T = " + t(s.temperature()) + Formats.format(" (fitted on %,d %s)",
                s.examples(), t.fittedOn()) + " would take ECE from " + Formats.percentOneDecimal(
                c.eceBefore().estimate()) + " to " + Formats.percentOneDecimal(c.eceAfter().estimate())
                + " and log loss from " + Formats.ratio(c.logLossBefore().estimate()) + " to "
                + Formats.ratio(c.logLossAfter().estimate()) + "; apply it with " + TEMPERATURE + " " + BUNDLED;
    }

    /**
     * Counts the analysed examples the given temperature was fitted on, from what it records of its fit data: the
     * same data fingerprint (the same files or images: all of them), or the fingerprint of the analysed images without
     * the bundled sample (a fit on a release's validation split, such as the bundled temperatures', scored on that
     * split: all but the bundled sample's).
     *
     * @param given the temperature given, or null
     * @param analysis the analysis as the model gave it, with its provenance
     * @param testData the analysed images, or null for predictions made elsewhere
     * @return how many of the analysed examples fitted T, 0 for none (or a temperature given by hand)
     * @throws IOException if the bundled sample cannot be read
     */
    static int inSample(Given given, ErrorAnalysis analysis, TestData testData) throws IOException {
        if (given == null || given.fit() == null || given.scaling().examples() == 0) {
            return 0;
        }
        String fitted = given.fit().dataFingerprint();
        if (fitted.equals(Provenance.UNKNOWN)) {
            return 0;
        }
        if (fitted.equals(analysis.provenance().dataFingerprint())) {
            return analysis.examples();
        }
        if (testData == null) {
            return 0;
        }
        CifarDataset rest = withoutBundledSample(testData.images());
        return rest.size() > 0 && rest.size() < testData.images().size()
                && fitted.equals(Fingerprints.PREFIX + rest.fingerprint()) ? rest.size() : 0;
    }

    /**
     * The warning of scores that are in-sample, or null when T was fitted on none of the analysed examples.
     *
     * @param given the temperature given
     * @param inSample how many of the analysed examples fitted T ({@link #inSample})
     * @param examples the analysed examples
     * @return for example {@code "warning: the bundled temperature of baseline was fitted on 4,000 of these 5,000
     *         examples: ..."}, or null
     */
    static String inSampleWarning(Given given, int inSample, int examples) {
        if (inSample == 0) {
            return null;
        }
        return "warning: " + given.source() + " was fitted on " + (inSample == examples
                ? Formats.format("these same %,d examples", examples)
                : Formats.format("%,d of these %,d examples", inSample, examples))
                + ": its ECE, log loss and Brier score after scaling are " + (inSample == examples ? "" : "partly ")
                + "in-sample and flatter it (so do gates on them); score T on examples it was not fitted on";
    }

    /**
     * The warning of a temperature file fitted with another model than the one analysed, or null: both models'
     * fingerprints are known (predictions made elsewhere have none) and differ.
     *
     * @param given the temperature given
     * @param analysed the analysed model's provenance (the report's)
     * @return for example {@code "warning: --temperature-file t.json was fitted with model baseline (sha256:10e1..),
     *         but the analysed model is augmented (sha256:7f3a..): ..."}, or null
     */
    static String modelWarning(Given given, Provenance analysed) {
        if (given == null || given.fit() == null || analysed == null) {
            return null;
        }
        String fitted = given.fit().modelFingerprint();
        String mine = analysed.modelFingerprint();
        if (fitted.equals(Provenance.UNKNOWN) || mine.equals(Provenance.UNKNOWN) || fitted.equals(mine)) {
            return null;
        }
        return "warning: " + given.source() + " was fitted with model " + given.fit().model() + " (" + fitted
                + "), but the analysed model is " + analysed.model() + " (" + mine + "): a temperature fits the "
                + "model it was fitted with";
    }

    /**
     * Applies a temperature to an analysis, refusing one fitted on other classes.
     *
     * @param given the temperature
     * @param analysis the analysis as the model gave it
     * @return the scaled analysis
     * @throws BadInputException naming both lists of classes, or the example whose prediction T would change
     */
    static ErrorAnalysis apply(Given given, ErrorAnalysis analysis) {
        return apply(given, analysis, null);
    }

    /**
     * Applies a temperature to an analysis, to its logits when they are known, refusing one fitted on other classes.
     *
     * @param given the temperature
     * @param analysis the analysis as the model gave it
     * @param logits the logits the analysis was made from ({@code softmax(z / T)}), or null (its probabilities)
     * @return the scaled analysis
     * @throws BadInputException naming both lists of classes, or the example whose prediction T would change
     */
    static ErrorAnalysis apply(Given given, ErrorAnalysis analysis, NumberArray logits) {
        List<String> classes = given.scaling().classes();
        if (!classes.isEmpty() && !classes.equals(analysis.classNames())) {
            throw new BadInputException(given.source() + ": the temperature was fitted on the classes "
                    + String.join(", ", classes) + ", but the analysis has the classes "
                    + String.join(", ", analysis.classNames()));
        }
        try {
            return logits != null ? given.scaling().applyLogits(logits, analysis) : given.scaling().apply(analysis);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(given.source() + ": " + Messages.oneLine(e), e);
        }
    }

    /**
     * Fits a temperature on the logits when they are known ({@code --logits}: {@code softmax(z / T)}), else on the
     * probabilities, the failure (fewer than two classes) as bad input.
     *
     * @param option the option that named the fit data, for the message
     * @param heldOut the fit data
     * @param logits the logits heldOut was made from, or null
     * @return the fit
     */
    static TemperatureFit fit(String option, ErrorAnalysis heldOut, NumberArray logits) {
        try {
            return logits != null ? TemperatureFit.fit(logits, heldOut) : TemperatureFit.fit(heldOut);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(option + ": " + Messages.oneLine(e), e);
        }
    }

    /**
     * Leaves out of the validation pile the images of the bundled sample (the same origin and exactly the same
     * pixels), which the main job's report scores.
     *
     * @param validation the validation pile as read
     * @return the rest, and how many were left out
     * @throws IOException if the bundled sample cannot be read
     */
    static CifarDataset withoutBundledSample(CifarDataset validation) throws IOException {
        CifarDataset sample = BundledSample.load();
        Map<Origin, byte[]> pixels = new HashMap<>();
        for (int i = 0; i < sample.size(); i++) {
            pixels.put(sample.origin(i), sample.pixels(i));
        }
        int[] kept = new int[validation.size()];
        int k = 0;
        for (int i = 0; i < validation.size(); i++) {
            byte[] same = pixels.get(validation.origin(i));
            if (same == null || !Arrays.equals(same, validation.pixels(i))) {
                kept[k++] = i;
            }
        }
        return k == validation.size() ? validation : validation.subset(Arrays.copyOf(kept, k));
    }

    /**
     * Says a change in one line: {@code ECE 4.2 % [3.3 %, 5.1 %] -> 3.3 % [2.5 %, 4.2 %], log loss 0.8866 ->
     * 0.8710, Brier score 0.4230 -> 0.4190}; an ECE outside its interval marked {@code *}, with the footnote
     * ({@link CalibrationChange#eceIntervalNote()}) at the end.
     *
     * @param c the change
     * @return the line
     */
    static String change(CalibrationChange c) {
        return "ECE " + CalibrationChange.ece(c.eceBefore()) + " -> " + CalibrationChange.ece(c.eceAfter())
                + ", log loss "
                + Formats.ratio(c.logLossBefore().estimate()) + " -> " + Formats.ratio(c.logLossAfter().estimate())
                + ", Brier score " + Formats.ratio(c.brierScoreBefore().estimate()) + " -> "
                + Formats.ratio(c.brierScoreAfter().estimate())
                + c.eceIntervalNote().map(n -> " (" + n + ")").orElse(""); // once a line, after the marked ECE
    }

    /**
     * Formats an interval of a ratio with four decimals: {@code 0.8866 [0.8512, 0.9240]}.
     *
     * @param i the interval
     * @return the text
     */
    static String ratio(Interval i) {
        return Formats.ratioInterval(i.estimate(), i.lower(), i.upper());
    }

    /**
     * Says T for a line: {@code 1.17}, with more digits when two would hide it ({@code 0.0123}).
     *
     * @param t the temperature
     * @return the text
     */
    static String t(double t) {
        return TemperatureScaling.format(t);
    }

    /**
     * The warning of a fit that ran into a bound, or null.
     *
     * @param s the fitted scaling
     * @return the line, or null when T is a minimum of the NLL
     */
    static String boundWarning(TemperatureScaling s) {
        if (!s.boundReached()) {
            return null;
        }
        return s.temperature() == TemperatureScaling.MIN_TEMPERATURE
                ? "warning: T reached the lower bound " + TemperatureScaling.MIN_TEMPERATURE + " of the fit: the NLL "
                        + "still falls below it (the fit examples are predicted right, so sharper probabilities "
                        + "keep lowering it); "
                        + "the probabilities become nearly one-hot"
                : "warning: T reached the upper bound " + t(TemperatureScaling.MAX_TEMPERATURE) + " of the fit: the "
                        + "NLL still falls beyond it (the model is confidently wrong more often than right on the "
                        + "fit data); the probabilities become nearly uniform";
    }
}
