package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code calibrate --out} naming one of the fit's own input files is refused before anything runs (exit 2, one
 * line), and the input is left as it was: the temperature file would otherwise replace the labels, the predictions
 * or the class names it was fitted on.
 */
class CalibrateOutIsAnInputTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writePredictions() throws Exception {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p.csv", "labels.csv", "classes.txt", "./sub/../labels.csv"})
    void an_out_that_is_an_input_is_refused_and_the_input_kept(String out) throws Exception {
        // GIVEN
        Path input = dir.resolve(out).normalize();
        String before = Files.readString(input);
        // WHEN
        Cli.Result result = Cli.run(dir, "calibrate", "--predictions", "p.csv", "--labels", "labels.csv",
                "--classes", "classes.txt", "--out", out);
        // THEN
        assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err().lines()).singleElement().asString().startsWith("cifar-errors calibrate: --out "
                + out + ": " + input + " is --").contains("an input of the fit");
        assertThat(Files.readString(input)).isEqualTo(before);
        assertThat(result.out()).isEmpty();
    }
}
