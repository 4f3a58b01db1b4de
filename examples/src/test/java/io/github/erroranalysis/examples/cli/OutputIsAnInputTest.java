package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An output file that names one of the command's own input files ({@code calibrate --out}, {@code analyze
 * --junit-xml}) is refused before anything runs (exit 2, one line), and the input is left as it was: the temperature
 * file or the JUnit XML would otherwise replace the labels, the predictions, the class names or the temperature file
 * read.
 */
class OutputIsAnInputTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writePredictions() throws Exception {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p.csv", "labels.csv", "classes.txt", "./sub/../labels.csv"})
    void calibrate_refuses_an_out_that_is_an_input_and_keeps_the_input(String out) throws Exception {
        // GIVEN
        Path input = dir.resolve(out).normalize();
        String before = Files.readString(input);
        // WHEN
        Cli.Result result = Cli.run(dir, "calibrate", "--predictions", "p.csv", "--labels", "labels.csv",
                "--classes", "classes.txt", "--out", out);
        // THEN
        assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err().lines()).singleElement().asString().startsWith("cifar-errors calibrate: --out "
                + out + ": " + input + " is --").endsWith(", an input, which writing it would replace; give another "
                + "file");
        assertThat(Files.readString(input)).isEqualTo(before);
        assertThat(result.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"labels.csv", "t.json"})
    void analyze_refuses_a_junit_xml_that_is_an_input_and_keeps_the_input(String xml) throws Exception {
        // GIVEN a temperature file beside the predictions
        assertThat(Cli.run(dir, "calibrate", "--predictions", "p.csv", "--labels", "labels.csv", "--classes",
                "classes.txt", "--out", "t.json").exitCode()).isEqualTo(ExitCodes.PASSED);
        String before = Files.readString(dir.resolve(xml));
        // WHEN
        Cli.Result result = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv",
                "--classes", "classes.txt", "--temperature-file", "t.json", "--max-aurc", "0.9", "--out", "report",
                "--junit-xml", xml);
        // THEN
        assertThat(result.exitCode()).as(result.out()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err().lines()).singleElement().asString().startsWith("cifar-errors analyze: --junit-xml "
                + xml + ": " + dir.resolve(xml) + " is --");
        assertThat(Files.readString(dir.resolve(xml))).isEqualTo(before);
        assertThat(dir.resolve("report")).doesNotExist();
    }
}
