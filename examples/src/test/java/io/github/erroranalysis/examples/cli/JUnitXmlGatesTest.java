package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code analyze --junit-xml FILE}: the gates as JUnit test cases, written even when a gate fails; the report shows
 * the gates with the intervals they were judged on; the path is checked before anything runs.
 */
class JUnitXmlGatesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writePredictions() throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
    }

    private Cli.Result analyze(String... more) {
        List<String> args = new ArrayList<>(List.of("analyze", "--predictions", "p.csv", "--labels", "labels.csv",
                "--classes", "classes.txt"));
        args.addAll(List.of(more));
        return Cli.run(dir, args.toArray(String[]::new));
    }

    @Test
    void each_gate_is_a_test_case_and_the_file_is_written_when_a_gate_fails() throws Exception {
        // WHEN
        Cli.Result result = analyze("--min-accuracy", "0.8", "--min-class-accuracy", "dog=0.5",
                "--min-class-accuracy", "cat=0.6", "--max-ece", "0.5", "--junit-xml", "ci/gates.xml");
        // THEN exit 1, and the file lists every gate with the printed message of each failed one
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.GATE_FAILED);
        List<String> printed = result.out().lines().filter(l -> l.startsWith("gate ")).map(l -> l.substring(5))
                .toList();
        assertThat(printed).hasSize(4);
        Element suite = parse(dir.resolve("ci/gates.xml")).getDocumentElement();
        assertThat(suite.getAttribute("name")).isEqualTo(AnalyzeCommand.JUNIT_SUITE);
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("--min-accuracy 0.8");
        assertThat(((Element) cases.item(1)).getAttribute("name")).isEqualTo("--min-class-accuracy dog=0.5");
        assertThat(((Element) cases.item(1)).getElementsByTagName("failure").getLength()).isZero();
        for (int i : new int[] {0, 2, 3}) {
            Element failure = (Element) ((Element) cases.item(i)).getElementsByTagName("failure").item(0);
            assertThat(failure.getAttribute("message")).isEqualTo(printed.get(i));
        }
        assertThat(result.out()).contains("JUnit XML of 4 gates written to ");
    }

    @Test
    void the_report_shows_the_gates_with_the_intervals_they_were_judged_on() throws IOException {
        // WHEN the ECE gate is judged on its bootstrap interval's upper end
        Cli.Result result = analyze("--max-ece", "0.6", "--gate-on-lower-bound");
        // THEN the report's gate table holds the very interval of the printed gate line
        String line = result.out().lines().filter(l -> l.startsWith("gate ")).findFirst().orElseThrow();
        String interval = line.substring(line.indexOf("(expected calibration error ") + 28, line.lastIndexOf("),"));
        String markdown = Files.readString(dir.resolve("error-report/report.md"));
        assertThat(markdown).contains("Quality gates");
        String row = markdown.lines().filter(l -> l.startsWith("| --max-ece 0.6 |")).findFirst().orElseThrow()
                .replace("\\[", "[").replace("\\]", "]");
        assertThat(row).contains("upper bound of expected calibration error", interval, "at most 0.6000", "FAILED");
        assertThat(Files.readString(dir.resolve("error-report/report.html"))).contains("Quality gates");
        // and report.json lists the gate with that interval, the same one as the calibration's ECE interval
        JsonNode json = new ObjectMapper().readTree(dir.resolve("error-report/report.json").toFile());
        JsonNode gate = json.get("gates").get(0);
        assertThat(gate.get("name").asText()).isEqualTo("--max-ece 0.6");
        assertThat(gate.get("judged").asText()).isEqualTo("upperBound");
        assertThat(gate.get("verdict").asText()).isEqualTo("failed");
        assertThat(gate.get("actual").asDouble()).isEqualTo(gate.get("interval").get("upper").asDouble());
        assertThat(gate.get("message").asText()).isEqualTo(line.substring("gate ".length()));
        assertThat(gate.get("interval")).isEqualTo(json.findValue("eceInterval"));
    }

    @Test
    void built_in_metrics_are_gated_by_name_in_the_printed_lines_the_junit_xml_and_report_json() throws Exception {
        // WHEN macro-F1 at least 0.01 (passes), Brier at most 5 (passes) and log loss at most 0.0001 (fails)
        Cli.Result result = analyze("--min-metric", "macroF1=0.01", "--max-metric", "brierScore=1.5",
                "--max-metric", "logLoss=0.0001", "--gate-on-lower-bound", "--junit-xml", "gates.xml");
        // THEN exit 1, one line per gate in the words of the gate model, on the pessimistic end
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.GATE_FAILED);
        List<String> printed = result.out().lines().filter(l -> l.startsWith("gate ")).map(l -> l.substring(5))
                .toList();
        assertThat(printed).hasSize(3);
        assertThat(printed.get(0)).startsWith("passed --min-metric macroF1=0.01: lower bound of macroF1 ")
                .contains("percentile bootstrap").endsWith("required at least 0.0100");
        assertThat(printed.get(1)).startsWith("passed --max-metric brierScore=1.5: upper bound of brierScore ");
        assertThat(printed.get(2)).startsWith("FAILED --max-metric logLoss=0.0001: upper bound of logLoss ")
                .endsWith("required at most 0.0001");
        Element suite = parse(dir.resolve("gates.xml")).getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(((Element) suite.getElementsByTagName("testcase").item(2)).getAttribute("name"))
                .isEqualTo("--max-metric logLoss=0.0001");
        JsonNode gates = new ObjectMapper().readTree(dir.resolve("error-report/report.json").toFile()).get("gates");
        assertThat(gates).hasSize(3);
        assertThat(gates.get(0).get("metric").asText()).isEqualTo("macroF1");
        assertThat(gates.get(0).get("judged").asText()).isEqualTo("lowerBound");
        assertThat(gates.get(2).get("metric").asText()).isEqualTo("logLoss");
        assertThat(gates.get(2).get("direction").asText()).isEqualTo("atMost");
        assertThat(gates.get(2).get("message").asText()).isEqualTo(printed.get(2));
    }

    @Test
    void a_metric_gate_naming_no_built_in_metric_or_no_number_is_refused_in_one_line() {
        assertThat(analyze("--min-metric", "f2=0.5").errLines()).containsExactly("cifar-errors analyze: "
                + "--min-metric f2=0.5: unknown metric 'f2'; the metrics are accuracy, macroPrecision, macroRecall, "
                + "macroF1, weightedF1, ece, maxCalibrationError, brierScore, logLoss, top<k>Accuracy");
        assertThat(analyze("--max-metric", "logLoss=lots").errLines()).containsExactly("cifar-errors analyze: "
                + "--max-metric logLoss=lots: 'lots' is not a number");
        assertThat(analyze("--max-metric", "logLoss").errLines()).containsExactly("cifar-errors analyze: "
                + "--max-metric logLoss: expected NAME=X, such as macroF1=0.6");
        assertThat(analyze("--min-metric", "top9Accuracy=0.5").errLines()).containsExactly("cifar-errors analyze: "
                + "--min-metric top9Accuracy=0.5: k = 9 is more than the 3 classes");
        // a threshold outside the metric's values: a gate that could never pass, or always passes
        assertThat(analyze("--min-metric", "accuracy=1.5").errLines()).containsExactly("cifar-errors analyze: "
                + "--min-metric accuracy=1.5: accuracy lies in [0, 1], so the threshold 1.5 would never pass");
        assertThat(analyze("--max-metric", "macroF1=2").errLines()).containsExactly("cifar-errors analyze: "
                + "--max-metric macroF1=2: macroF1 lies in [0, 1], so the threshold 2 would always pass");
        assertThat(analyze("--max-metric", "logLoss=-1").errLines()).containsExactly("cifar-errors analyze: "
                + "--max-metric logLoss=-1: logLoss is never below 0, so the threshold -1 would never pass");
        assertThat(analyze("--min-metric", "brierScore=-0.1").errLines()).containsExactly("cifar-errors analyze: "
                + "--min-metric brierScore=-0.1: brierScore lies in [0, 2], so the threshold -0.1 would always pass");
        assertThat(analyze("--min-metric", "top2Accuracy=1.01").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Cli.run(dir, "analyze", "--help").out()).contains("--min-metric=NAME=X", "--max-metric=NAME=X",
                "top3Accuracy");
    }

    @Test
    void an_existing_file_is_replaced() throws Exception {
        Files.writeString(dir.resolve("gates.xml"), "an older file");
        Cli.Result result = analyze("--min-accuracy", "0.7", "--junit-xml", "gates.xml");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        Element suite = parse(dir.resolve("gates.xml")).getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
    }

    @Test
    void a_folder_a_device_or_a_path_inside_the_report_folder_is_refused_before_anything_runs() throws IOException {
        Files.createDirectories(dir.resolve("ci"));
        Cli.Result folder = analyze("--min-accuracy", "0.7", "--junit-xml", "ci");
        assertThat(folder.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(folder.errLines()).containsExactly("cifar-errors analyze: --junit-xml ci: " + dir.resolve("ci")
                + " is a folder; give a file name, for example --junit-xml gates.xml");
        Cli.Result inside = analyze("--min-accuracy", "0.7", "--out", "r", "--junit-xml", "r/gates.xml");
        assertThat(inside.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(inside.errLines()).singleElement().asString().startsWith("cifar-errors analyze: --junit-xml "
                + "r/gates.xml: ").contains("is inside the --out folder");
        assertThat(dir.resolve("r")).doesNotExist();
        if (Files.exists(Path.of("/dev/null"))) {
            assertThat(analyze("--junit-xml", "/dev/null").errLines()).containsExactly("cifar-errors analyze: "
                    + "--junit-xml /dev/null: /dev/null is not a regular file (a device, FIFO or socket); give a file");
        }
        assertThat(analyze("--junit-xml", "").errLines()).containsExactly("cifar-errors analyze: --junit-xml is "
                + "empty: give a file name, for example gates.xml");
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
