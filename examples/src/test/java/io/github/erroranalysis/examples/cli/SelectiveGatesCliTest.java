package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.testing.Schemas;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code analyze --max-aurc X} and {@code --min-coverage-at-risk RISK=COVERAGE}: gates on selective prediction, named
 * as typed, judged like every gate (exit 1 when one fails, {@code --gate-on-lower-bound} on the pessimistic end),
 * in the printed lines, the JUnit XML and report.json; bad values refused in one line (exit 2) before anything runs;
 * and the summary's selective-prediction line. The twenty examples of {@link Cli#writePredictions}: the five wrong
 * ones are the most confident (0.9 against 0.6), so AURC = (5 + 5·(H20 - H5)) / 20 = 0.5786, optimal 0.0404; every
 * risk from 25 % on answers all, every lower one none.
 */
class SelectiveGatesCliTest {

    /** The class-path resource of the report's schema, in the error-analysis-report jar. */
    private static final String REPORT_SCHEMA = "/io/github/erroranalysis/report/report.schema.json";

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

    private static List<String> gateLines(Cli.Result result) {
        return result.out().lines().filter(l -> l.startsWith("gate ")).map(l -> l.substring(5)).toList();
    }

    @Test
    void the_gates_are_printed_written_as_junit_test_cases_and_in_report_json_and_a_failed_one_exits_1()
            throws Exception {
        // WHEN
        Cli.Result result = analyze("--max-aurc", "0.6", "--min-coverage-at-risk", "0.25=0.9",
                "--min-coverage-at-risk", "0.010=0.5", "--junit-xml", "gates.xml");
        // THEN exit 1: at 1 % errors nothing can be answered
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: 1 of 3 quality gates failed");
        List<String> printed = gateLines(result);
        assertThat(printed).hasSize(3);
        assertThat(printed.get(0)).matches("passed --max-aurc 0\\.6: AURC 0\\.5786 \\[0\\.\\d{4}, 0\\.\\d{4}\\] "
                + "\\(95% percentile bootstrap.*\\), optimal 0\\.0404, required at most 0\\.6000");
        assertThat(printed.get(1)).startsWith("passed --min-coverage-at-risk 0.25=0.9: coverage at risk 25.0 % 1.0000 "
                + "[").endsWith("), 20 of 20 answered, those with confidence at least 0.6000, required at least "
                + "0.9000");
        assertThat(printed.get(2)).startsWith("FAILED --min-coverage-at-risk 0.010=0.5: coverage at risk 1.0 % 0.0000 ")
                .endsWith("), 0 of 20 answered: no share of the most confident answers keeps the error rate at most "
                        + "1.0 %, required at least 0.5000");
        // the JUnit XML: one test case per gate, named as typed, the failed one with the printed message
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("gates.xml").toFile()).getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("--max-aurc 0.6");
        assertThat(((Element) cases.item(1)).getAttribute("name")).isEqualTo("--min-coverage-at-risk 0.25=0.9");
        Element failure = (Element) ((Element) cases.item(2)).getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo(printed.get(2));
        assertThat(((Element) cases.item(0)).getElementsByTagName("failure").getLength()).isZero();
        // report.json: the gates with their metric and risk, matching the closed schema
        JsonNode json = Schemas.JSON.readTree(dir.resolve("error-report/report.json").toFile());
        JsonNode gates = json.get("gates");
        assertThat(gates).hasSize(3);
        assertThat(gates.get(0).get("metric").asText()).isEqualTo("aurc");
        assertThat(gates.get(0).get("direction").asText()).isEqualTo("atMost");
        assertThat(gates.get(0).has("risk")).isFalse();
        assertThat(gates.get(2).get("metric").asText()).isEqualTo("coverageAtRisk");
        assertThat(gates.get(2).get("risk").asDouble()).isEqualTo(0.01);
        assertThat(gates.get(2).get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(gates.get(2).get("actual").asDouble()).isZero();
        assertThat(gates.get(2).get("verdict").asText()).isEqualTo("failed");
        assertThat(gates.get(2).get("message").asText()).isEqualTo(printed.get(2));
        assertThat(Schemas.problems(REPORT_SCHEMA, json)).isEmpty();
        // the report's gate table: the gate as named, the judged value's words, the requirement and the verdict
        String row = java.nio.file.Files.readString(dir.resolve("error-report/report.md")).lines()
                .filter(l -> l.startsWith("| --min-coverage-at-risk 0.010=0.5 |")).findFirst().orElseThrow()
                .replace("\\[", "[").replace("\\]", "]");
        assertThat(row).contains("coverage at risk 1.0 %", "at least 0.5000", "FAILED");
    }

    @Test
    void the_lower_bound_option_judges_the_upper_end_of_the_aurc_and_the_lower_end_of_the_coverage() {
        // WHEN
        Cli.Result result = analyze("--max-aurc", "0.99", "--min-coverage-at-risk", "0.25=0", "--gate-on-lower-bound");
        // THEN both pass on their pessimistic end
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        List<String> printed = gateLines(result);
        assertThat(printed.get(0)).startsWith("passed --max-aurc 0.99: upper bound of AURC ")
                .contains("(AURC 0.5786 [").endsWith("required at most 0.9900");
        assertThat(printed.get(1)).startsWith("passed --min-coverage-at-risk 0.25=0: lower bound of coverage at risk "
                + "25.0 % ").contains("(coverage at risk 25.0 % 1.0000 [").endsWith("required at least 0.0000");
        // and the estimate passes where the pessimistic end fails: AURC 0.5786 is at most 0.58, its upper end is not
        Cli.Result estimate = analyze("--max-aurc", "0.58");
        Cli.Result bound = analyze("--max-aurc", "0.58", "--gate-on-lower-bound");
        assertThat(estimate.exitCode()).as(estimate.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(bound.exitCode()).as(bound.err()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(gateLines(bound)).singleElement().asString().startsWith("FAILED --max-aurc 0.58: upper bound of "
                + "AURC ");
    }

    @Test
    void a_risk_or_coverage_outside_0_1_nan_or_no_pair_of_numbers_is_refused_in_one_line_before_anything_runs() {
        String start = "cifar-errors analyze: --min-coverage-at-risk ";
        assertRefused(analyze("--min-coverage-at-risk", "5=0.75"), start + "5=0.75: the risk 5 is outside [0, 1]; "
                + "give a fraction, such as 0.01 for an error rate of 1 %");
        assertRefused(analyze("--min-coverage-at-risk", "-0.01=0.75"), start + "-0.01=0.75: the risk -0.01 is "
                + "outside [0, 1]; give a fraction, such as 0.01 for an error rate of 1 %");
        assertRefused(analyze("--min-coverage-at-risk", "0.01=75"), start + "0.01=75: the coverage 75 is outside "
                + "[0, 1]; give a fraction, such as 0.75 for 75 % of the inputs answered");
        assertRefused(analyze("--min-coverage-at-risk", "NaN=0.75"), start + "NaN=0.75: the risk NaN is outside "
                + "[0, 1]; give a fraction, such as 0.01 for an error rate of 1 %");
        assertRefused(analyze("--min-coverage-at-risk", "0.01=NaN"), start + "0.01=NaN: the coverage NaN is outside "
                + "[0, 1]; give a fraction, such as 0.75 for 75 % of the inputs answered");
        assertRefused(analyze("--min-coverage-at-risk", "low=0.75"), start + "low=0.75: 'low' is not a number");
        assertRefused(analyze("--min-coverage-at-risk", "0.01=most"), start + "0.01=most: 'most' is not a number");
        assertRefused(analyze("--min-coverage-at-risk", "0.01"), start + "0.01: expected RISK=COVERAGE, such as "
                + "0.01=0.75 (at most 1 % errors on the 75 % most confident inputs)");
        assertRefused(analyze("--min-coverage-at-risk", "0.01="), start + "0.01=: expected RISK=COVERAGE, such as "
                + "0.01=0.75 (at most 1 % errors on the 75 % most confident inputs)");
        assertRefused(analyze("--max-aurc", "1.5"), "cifar-errors analyze: --max-aurc 1.5: 1.5 is outside [0, 1]; "
                + "give a fraction, such as 0.6 for 60 %");
        assertRefused(analyze("--max-aurc", "NaN"), "cifar-errors analyze: --max-aurc NaN: NaN is outside [0, 1]; "
                + "give a fraction, such as 0.6 for 60 %");
        assertRefused(analyze("--max-aurc", "-0.1"), "cifar-errors analyze: --max-aurc -0.1: -0.1 is outside [0, 1]; "
                + "give a fraction, such as 0.6 for 60 %");
        assertThat(analyze("--max-aurc", "low").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(dir.resolve(AnalyzeCommand.DEFAULT_OUT)).doesNotExist();
        assertThat(Cli.run(dir, "analyze", "--help").out()).contains("--max-aurc=X",
                "--min-coverage-at-risk=RISK=COVERAGE");
    }

    private static void assertRefused(Cli.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly(message);
    }

    @Test
    void the_summary_says_what_answering_only_the_most_confident_examples_buys_in_one_line() {
        // WHEN
        Cli.Result result = analyze();
        // THEN one line: the AURC with its interval and the optimal AURC, then the selective prediction's words
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        List<String> lines = result.out().lines().filter(l -> l.startsWith("selective prediction: ")).toList();
        assertThat(lines).singleElement().asString()
                .matches("selective prediction: AURC 0\\.5786 \\[0\\.\\d{4}, 0\\.\\d{4}\\] \\(optimal 0\\.0404\\)"
                        + "\\. .+")
                // the five confident mistakes stay when the least confident fifth (all right) is refused
                .contains("Refusing the 20 % least confident answers raises the error rate from 25.0 % to 31.3 %.");
        // right after the accuracy and hardest-class lines, before the wrong predictions
        List<String> all = result.out().lines().toList();
        int at = all.indexOf(lines.get(0));
        assertThat(all.subList(0, at)).anyMatch(l -> l.startsWith("accuracy "));
        assertThat(all.subList(at, all.size())).anyMatch(l -> l.startsWith("the first 3 wrong predictions:"));
    }
}
