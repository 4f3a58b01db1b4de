package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code compare} on two prediction files with known disagreements. */
class CompareCommandTest {

    @TempDir
    Path dir;

    @BeforeEach
    void writePredictions() throws IOException {
        Cli.writePredictions(dir, "a.csv", "labels.csv", "classes.txt");
        // B fixes A's mistakes 1, 2, 4 and 5 (wrong -> right) and breaks example 0 (right -> wrong)
        List<String> a = Files.readAllLines(dir.resolve("a.csv"));
        List<String> labels = Files.readAllLines(dir.resolve("labels.csv"));
        List<String> b = new ArrayList<>(a);
        for (int i : new int[] {1, 2, 4, 5}) {
            b.set(i, row(Integer.parseInt(labels.get(i))));
        }
        b.set(0, row((Integer.parseInt(labels.get(0)) + 1) % 3));
        Files.write(dir.resolve("b.csv"), b);
    }

    /** What the real draft 2020-12 validator finds wrong with a document against {@code comparison.schema.json}. */
    static java.util.Set<com.networknt.schema.ValidationMessage> comparisonSchemaProblems(JsonNode document) {
        return io.github.erroranalysis.testing.Schemas.problems(io.github.erroranalysis.json.JsonCodec.COMPARISON_SCHEMA,
                document);
    }

    private static String row(int predicted) {
        double[] r = {0.2, 0.2, 0.2};
        r[predicted] = 0.6;
        return r[0] + "," + r[1] + "," + r[2];
    }

    @Test
    void should_write_comparison_json_with_mcnemar_counts_named_after_a_and_b() throws IOException {
        // WHEN
        Cli.Result result = Cli.run(dir, "compare", "--predictions", "a.csv", "--predictions-b", "b.csv", "--labels",
                "labels.csv", "--classes", "classes.txt", "--out", "cmp");
        // THEN
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("cmp/comparison.json").toFile());
        assertThat(json.get("baselineModel").asText()).isEqualTo("a.csv");
        assertThat(json.get("candidateModel").asText()).isEqualTo("b.csv");
        JsonNode mcnemar = json.get("mcnemar");
        // A is the baseline: rightToWrong counts A right and B wrong
        assertThat(mcnemar.get("rightToWrong").asLong()).isEqualTo(1);
        assertThat(mcnemar.get("wrongToRight").asLong()).isEqualTo(4);
        // the shipped schema accepts it, and rejects it with the interval beside the change made flat
        assertThat(comparisonSchemaProblems(json)).isEmpty();
        com.fasterxml.jackson.databind.node.ObjectNode flat = json.deepCopy();
        flat.remove("accuracyChangeInterval");
        flat.put("ciLow", 0.0);
        assertThat(comparisonSchemaProblems(flat)).isNotEmpty();
        // exact two-sided binomial: 2 * P(X <= 1 | n = 5, 1/2) = 2 * 6 / 32
        assertThat(mcnemar.get("pValue").asDouble()).isCloseTo(0.375, within(1e-12));
        // the console line ends with the AURC change and its paired interval, as comparison.json has them
        JsonNode selective = json.get("selectivePrediction");
        assertThat(result.out().lines().findFirst()).hasValue("a.csv 0.7500 vs b.csv 0.9000 on 20 examples: change "
                + "+0.1500; McNemar p = 0.3750 (1 example right with a.csv and wrong with b.csv, 4 the other way round; not significant at 95 %)"
                + "; AURC change b.csv − a.csv " + io.github.erroranalysis.io.Formats.signed(selective.get(
                        "aurcDifference").asDouble()) + " [" + io.github.erroranalysis.io.Formats.signed(selective.at(
                        "/aurcDifferenceInterval/lower").asDouble()) + ", " + io.github.erroranalysis.io.Formats.signed(
                        selective.at("/aurcDifferenceInterval/upper").asDouble()) + "] (95%, lower is better)");
        assertThat(dir.resolve("cmp/comparison.md")).content().contains("| cat | 4 | 0.5000 | 1.0000 | +0.5000 | 0 | 2 |");
        assertThat(dir.resolve("cmp/comparison.html")).content().startsWith("<!DOCTYPE html>")
                .contains("<td>cat</td><td class=\"n\">4</td>");
    }

    @Test
    void should_replace_an_earlier_comparison_only_when_complete() throws IOException {
        // GIVEN an earlier comparison folder (of the version before the marker file: just the three files)
        Files.createDirectories(dir.resolve("cmp"));
        Files.writeString(dir.resolve("cmp/comparison.json"), "{\"modelA\": \"old\", \"mcnemar\": {}}");
        Files.writeString(dir.resolve("cmp/comparison.md"), "old");
        // WHEN a bad run, then a good one
        Cli.Result bad = Cli.run(dir, "compare", "--predictions", "a.csv", "--predictions-b", "missing.csv",
                "--labels", "labels.csv", "--classes", "classes.txt", "--out", "cmp");
        boolean oldKept = Files.readString(dir.resolve("cmp/comparison.md")).equals("old");
        Cli.Result good = Cli.run(dir, "compare", "--predictions", "a.csv", "--predictions-b", "b.csv", "--labels",
                "labels.csv", "--classes", "classes.txt", "--out", "cmp");
        // THEN
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.errLines()).containsExactly("cifar-errors compare: --predictions-b missing.csv: no such file "
                + dir.resolve("missing.csv"));
        assertThat(oldKept).isTrue();
        assertThat(good.exitCode()).isEqualTo(ExitCodes.PASSED);
        try (var files = Files.list(dir.resolve("cmp"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
                    io.github.erroranalysis.io.OutputFolders.MARKER, "comparison.html", "comparison.json",
                    "comparison.md", "figures");
        }
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".cmp"));
        }
    }

    @Test
    void should_refuse_predictions_of_different_lengths() throws IOException {
        // GIVEN
        List<String> b = Files.readAllLines(dir.resolve("b.csv"));
        Files.write(dir.resolve("short.csv"), b.subList(0, 10));
        // WHEN
        Cli.Result result = Cli.run(dir, "compare", "--predictions", "a.csv", "--predictions-b", "short.csv",
                "--labels", "labels.csv", "--classes", "classes.txt");
        // THEN
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().startsWith("cifar-errors compare: --predictions-b "
                + "short.csv with --labels labels.csv and --classes classes.txt: ");
    }

    @Test
    void should_need_model_b_or_both_prediction_files() {
        assertThat(Cli.run(dir, "compare").errLines()).containsExactly("cifar-errors compare: compare needs "
                + "--model-b B (or --predictions A --predictions-b B)");
        assertThat(Cli.run(dir, "compare", "--predictions", "a.csv").errLines()).containsExactly("cifar-errors "
                + "compare: compare needs both --predictions A and --predictions-b B");
    }
}
