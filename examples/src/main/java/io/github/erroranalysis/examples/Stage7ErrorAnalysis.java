package io.github.erroranalysis.examples;

import io.github.erroranalysis.ClassAccuracy;
import io.github.erroranalysis.ConfidenceBand;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.WrongPrediction;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.ExamplePicks;
import io.github.erroranalysis.report.Figures;
import io.github.erroranalysis.report.ImageSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The course's Stage 7 as code, step by step: predict every test image once, find the wrong ones, look at three of
 * them, compute per-class accuracy, name the hardest class, write the error report, and answer the course's question
 * "a confident wrong prediction or a low-confidence one: which is more dangerous in a real product?" from the
 * numbers.
 *
 * <p>Usage: {@code Stage7ErrorAnalysis [OUT_FOLDER]} (default {@code stage7}).
 */
public final class Stage7ErrorAnalysis {

    private Stage7ErrorAnalysis() {
    }

    /**
     * Runs the stage on the bundled baseline model and the bundled sample.
     *
     * @param args the output folder, optional
     * @throws IOException if the model, the images or the outputs cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        Path out = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "stage7"));

        // Step 1: the trained model and the test images (1,000 validation images it never trained on)
        CifarModel model = BundledModels.baseline();
        CifarDataset images = BundledSample.load();

        // Step 2: predict all test labels, once
        ErrorAnalysis analysis = ErrorAnalysis.of(model.classifier(), model.iterator(images, 128));
        System.out.printf(Locale.ROOT, "accuracy %.4f (%d of %d right)%n", analysis.accuracy(), analysis.correct(),
                analysis.examples());
        // where it came from: the network's parameters and the images, each fingerprinted with SHA-256
        Provenance provenance = analysis.provenance();
        System.out.println("model " + provenance.modelFingerprint() + ", data " + provenance.dataFingerprint()
                + ", error-analysis " + provenance.libraryVersion());

        // Step 3: the indexes of the wrong predictions
        int[] wrong = analysis.wrong().indexes();
        System.out.println(wrong.length + " wrong predictions, the first ten at "
                + Arrays.toString(Arrays.copyOf(wrong, Math.min(10, wrong.length))));

        // Step 4: three wrong examples, as a figure and as text: "Pred: cat / True: dog / 87 %"
        ImageSource source = (index, origin) -> Optional.of(images.image(index));
        Path figure = out.resolve("three-wrong.png");
        Figures.writePng(Figures.exampleGrid(analysis, ExamplePicks.firstWrong(analysis, 3), source), figure);
        for (WrongPrediction w : analysis.wrong().first(3)) {
            System.out.printf(Locale.ROOT, "Pred: %s / True: %s / %.0f %%  (%s)%n", w.predictedClassName(),
                    w.trueClassName(), 100 * w.confidence(), w.origin().orElse("#" + w.index()));
        }
        System.out.println("figure: " + figure);

        // Step 5: per-class accuracy
        for (ClassAccuracy c : analysis.perClassAccuracy().classes()) {
            System.out.printf(Locale.ROOT, "%-10s %.2f (%d/%d)%n", c.className(), c.accuracy(), c.correct(),
                    c.support());
        }

        // Step 6: the hardest class, and whether it is clearly the hardest or tied within noise
        System.out.println(analysis.hardestHonestly());

        // Step 7: the error report (HTML, Markdown, JSON and figures), explaining its mistakes with visual evidence:
        // occlusion and Grad-CAM maps, each checked against random deletion orders, and the sanity check
        ErrorReport built = ErrorReport.builder(analysis).images(source).evidence(CifarEvidence.of(model, images))
                .build();
        Path report = built.writeTo(out.resolve("report"));
        System.out.println("report: " + report.resolve(ErrorReport.HTML_FILE));

        // Step 8: explain one mistake: where did the model look, and is that map better than random?
        for (WrongPrediction w : analysis.wrong().first(1)) {
            built.explanations().of(w.index()).ifPresent(e -> e.saliency().forEach(m -> System.out.printf(
                    Locale.ROOT, "example %d (%s predicted as %s): %s faithfulness %.3f [%.3f, %.3f], %s%n",
                    w.index(), w.trueClassName(), w.predictedClassName(), m.method(), m.faithfulness().score(),
                    m.faithfulness().interval().lower(), m.faithfulness().interval().upper(),
                    m.faithfulness().betterThanRandom() ? "better than random" : "no better than random")));
        }
        built.explanations().sanityCheck().ifPresent(s -> System.out.printf(Locale.ROOT,
                "sanity check: mean rank correlation with a randomised model %.2f (%s)%n", s.meanRankCorrelation(),
                s.passes() ? "passes" : "fails"));

        // Step 9: the course's question: compare a confident wrong prediction with a low-confidence one, which is
        // more dangerous in a real product? Answered from the numbers: how many mistakes are confident, and what
        // refusing the least confident answers buys (selective prediction: the risk-coverage curve)
        System.out.println(moreDangerousMistake(analysis));
    }

    /**
     * Answers the course's question "a confident wrong prediction or a low-confidence one: which is more dangerous
     * in a real product?" in words drawn from the analysis: the confident one, because refusing unsure answers
     * (or sending them to a person) catches the low-confidence mistakes but not the confident ones, and nothing in
     * the answer warns the user; how many of the mistakes are that confident (the top band of
     * {@link ErrorAnalysis#confidenceBands()}), then what refusing buys ({@code SelectivePrediction.inWords()}).
     *
     * @param analysis the analysis
     * @return for example {@code "Which mistake is more dangerous? The confident one: refusing unsure answers
     *         catches low-confidence mistakes, but 57 of the 183 wrong predictions (31.1 %) have confidence at
     *         least 90 % and would still be answered, with nothing to warn the user. Refusing the 20 % least
     *         confident answers cuts the error rate from 18.3 % to 9.5 %. With at most 5 % errors ..."}
     */
    public static String moreDangerousMistake(ErrorAnalysis analysis) {
        List<ConfidenceBand> bands = analysis.confidenceBands().bands();
        ConfidenceBand confident = bands.get(bands.size() - 1);
        long wrong = analysis.examples() - analysis.correct();
        String atLeast = Formats.wholePercent(confident.lower());
        String answer;
        if (wrong == 0) {
            answer = "Which mistake is more dangerous? Neither shows here: every prediction is right.";
        } else if (confident.wrong() == 0) {
            answer = Formats.format("Which mistake is more dangerous? The confident one, and there is none here: "
                    + "none of the %,d wrong predictions has confidence at least %s, so refusing unsure answers (or "
                    + "sending them to a person) can catch every mistake.", wrong, atLeast);
        } else {
            answer = Formats.format("Which mistake is more dangerous? The confident one: refusing unsure answers "
                    + "(or sending them to a person) catches low-confidence mistakes, but %,d of the %,d wrong "
                    + "predictions (%s) have confidence at least %s and would still be answered, with nothing to "
                    + "warn the user.", confident.wrong(), wrong,
                    Formats.percentOneDecimal(Formats.ratio(confident.wrong(), wrong)), atLeast);
        }
        String selective = analysis.selectivePrediction().inWords();
        return selective.isEmpty() ? answer : answer + " " + selective;
    }
}
