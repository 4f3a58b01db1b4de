package io.github.erroranalysis.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.RobustnessComparison;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.corruption.CorruptedData;
import io.github.erroranalysis.corruption.Corruption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The suite on the bundled models and 100 images of the bundled sample, two corruptions at two severities. */
class RobustnessSuiteTest {

    /** The bundled sample, read from the examples module. */
    static final Path SAMPLE = Path.of("../examples/src/main/resources/io/github/erroranalysis/examples/"
            + "cifar10-validation-sample.tar.gz");

    @Test
    void bothModelsSeeTheSameCorruptedImagesOnce() throws Exception {
        CifarDataset data = Cifar10.open(SAMPLE).batch("validation_sample.bin")
                .subset(IntStream.range(0, 100).toArray());
        CifarModel baseline = BundledModels.baseline();
        CifarModel augmented = BundledModels.augmented();
        RobustnessSuite.Settings settings = new RobustnessSuite.Settings(
                List.of(Corruption.CONTRAST, Corruption.GAUSSIAN_NOISE, Corruption.SATURATE), List.of(1, 5), 3L);
        List<String> told = new ArrayList<>();
        List<Robustness> studies = RobustnessSuite.run(List.of(baseline, augmented), data, settings, told::add);
        assertThat(told).containsExactly("contrast 1", "contrast 5", "gaussian_noise 1", "gaussian_noise 5",
                "saturate 1", "saturate 5");
        assertThat(studies).hasSize(2);
        Robustness a = studies.get(0);
        assertThat(a.corruptions()).containsExactly("contrast", "gaussian_noise", "saturate");
        assertThat(a.standardCorruptions()).containsExactly("contrast", "gaussian_noise");
        assertThat(a.severities()).containsExactly(1, 5);
        assertThat(a.seed()).isEqualTo(3L);
        assertThat(a.clean().origin(7)).contains(data.origin(7).toString());
        assertThat(a.cell("gaussian_noise", 5).analysis().origin(7)).contains(data.origin(7).toString());
        // the clean cell and a corrupted cell are the model's own predictions of those images
        ErrorAnalysis direct = ErrorAnalysis.fromPredictions(baseline.predict(data), data.labels(), data.classNames());
        assertThat(a.clean().accuracy()).isEqualTo(direct.accuracy());
        CifarDataset noisy = CorruptedData.corrupt(data, Corruption.GAUSSIAN_NOISE, 5, 3L);
        ErrorAnalysis noisyDirect = ErrorAnalysis.fromPredictions(augmented.predict(noisy), data.labels(),
                data.classNames());
        assertThat(studies.get(1).cell("gaussian_noise", 5).accuracy()).isEqualTo(noisyDirect.accuracy());
        // the strongest contrast loss hurts the baseline
        assertThat(a.cell("contrast", 5).accuracy()).isLessThan(a.clean().accuracy());
        RobustnessComparison c = a.compareWith(studies.get(1));
        assertThat(c.cells()).hasSize(6);
    }

    @Test
    void refusesSettingsThatCannotBeRun() {
        assertThatThrownBy(() -> new RobustnessSuite.Settings(List.of(), List.of(1), 0L))
                .hasMessage("a robustness run needs at least one corruption");
        assertThatThrownBy(() -> new RobustnessSuite.Settings(List.of(Corruption.FOG), List.of(3, 1), 0L))
                .hasMessage("the severities must be ascending, each once, but are [3, 1]");
        assertThatThrownBy(() -> new RobustnessSuite.Settings(List.of(Corruption.FOG), List.of(0), 0L))
                .hasMessage("severity 0 is not between 1 and 5");
        assertThatThrownBy(() -> new RobustnessSuite.Settings(List.of(Corruption.FOG, Corruption.FOG), List.of(1), 0L))
                .hasMessage("a corruption is given twice in [fog, fog]");
        assertThat(RobustnessSuite.Settings.ALL.cells()).isEqualTo(95);
    }
}
