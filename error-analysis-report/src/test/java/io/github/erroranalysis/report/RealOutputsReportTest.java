package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.erroranalysis.CalibrationChange;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SelectivePrediction;
import io.github.erroranalysis.TemperatureScaling;
import io.github.erroranalysis.io.Formats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The selective-prediction section and the temperature-scaling block on the bundled models' real outputs (the core's
 * fixture of the validation pile): T fitted on the 4,000 rows that are not the bundled sample, applied to the 1,000
 * that are, as {@code analyze} does for the bundled models; and the comparison of the two models on the sample.
 * Skips, saying so, when the fixture is absent.
 */
class RealOutputsReportTest {

    /** The core module's fixture of real model outputs, from this module's folder. */
    static final Path FIXTURE = Path.of("..", "error-analysis", "src", "test", "resources", "fixtures", "real");

    private static ErrorAnalysis baselineSample;
    private static ErrorAnalysis baselineRest;
    private static ErrorAnalysis augmentedSample;

    @BeforeAll
    static void load() throws IOException {
        assumeThat(Files.isRegularFile(FIXTURE.resolve("baseline_probabilities.npy")))
                .as("the real model outputs are in %s", FIXTURE.toAbsolutePath()).isTrue();
        List<String> classes = Files.readAllLines(FIXTURE.resolve("classes.txt")).stream().filter(l -> !l.isBlank())
                .toList();
        int[] labels = Nd4j.createFromNpyFile(FIXTURE.resolve("labels.npy").toFile()).toIntVector();
        int[] sample = Nd4j.createFromNpyFile(FIXTURE.resolve("in_bundled_sample.npy").toFile()).toIntVector();
        INDArray baseline = Nd4j.createFromNpyFile(FIXTURE.resolve("baseline_probabilities.npy").toFile());
        INDArray augmented = Nd4j.createFromNpyFile(FIXTURE.resolve("augmented_probabilities.npy").toFile());
        baselineSample = rows(baseline, labels, sample, 1, classes);
        baselineRest = rows(baseline, labels, sample, 0, classes);
        augmentedSample = rows(augmented, labels, sample, 1, classes);
    }

    /** The analysis of the rows whose sample flag is {@code flag}, in the fixture's order. */
    private static ErrorAnalysis rows(INDArray probabilities, int[] labels, int[] sample, int flag,
            List<String> classes) {
        int c = classes.size();
        float[] p = probabilities.reshape(probabilities.length()).toFloatVector();
        int n = 0;
        for (int s : sample) {
            n += s == flag ? 1 : 0;
        }
        float[] out = new float[n * c];
        int[] y = new int[n];
        for (int i = 0, k = 0; i < sample.length; i++) {
            if (sample[i] == flag) {
                System.arraycopy(p, i * c, out, k * c, c);
                y[k++] = labels[i];
            }
        }
        return ErrorAnalysis.fromPredictions(Nd4j.create(out, new long[] {n, c}, 'c'), y, classes);
    }

    @Test
    void the_bundled_sample_report_shows_t_fitted_on_the_other_4000_and_its_risk_coverage() throws IOException {
        assertThat(baselineSample.examples()).isEqualTo(1000);
        TemperatureScaling t = TemperatureScaling.fit(baselineRest);
        ErrorAnalysis scaled = t.apply(baselineSample);
        CalibrationChange change = CalibrationChange.of(baselineSample, scaled, t);
        ErrorReport report = ErrorReport.builder(scaled).temperatureScaling(change, true, "validation images")
                .build();
        String markdown = report.toMarkdown();
        assertThat(markdown).contains(Formats.format("T = %s, fitted on 4,000 validation images, took the ECE from ",
                TemperatureScaling.format(t.temperature())), "; accuracy is unchanged.");
        SelectivePrediction s = report.selectivePrediction();
        assertThat(markdown).contains(Escaping.markdown(s.inWords()));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(report.figurePng(SelectiveSection.FIGURE)));
        assertThat(png.getWidth()).isEqualTo(760);
        // the accuracy is the same before and after; the risk at full coverage is its error rate
        assertThat(scaled.accuracy()).isEqualTo(baselineSample.accuracy());
        assertThat(s.riskAtCoverage().get(s.riskAtCoverage().size() - 1).risk())
                .isEqualTo(1 - baselineSample.accuracy(), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void the_comparison_of_the_two_bundled_models_draws_both_curves() throws IOException {
        ComparisonReport c = ComparisonReport.builder(baselineSample, augmentedSample).names("baseline", "augmented")
                .build();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(c.figurePng("risk-coverage")));
        assertThat(png.getWidth()).isEqualTo(760);
        assertThat(c.toMarkdown()).contains("| A: baseline | " + Formats.ratio(baselineSample.selectivePrediction()
                .aurc()) + " | ", "| B: augmented | " + Formats.ratio(augmentedSample.selectivePrediction().aurc()));
    }
}
