package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.RobustnessCell;
import io.github.erroranalysis.RobustnessComparison;
import io.github.erroranalysis.RobustnessJson;
import io.github.erroranalysis.gate.QualityGate;
import io.github.erroranalysis.gate.RobustnessGates;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The robustness report: its Markdown, HTML and JSON (valid against robustness.schema.json) and its folder. */
class RobustnessReportTest {

    /** Two standard corruptions and one extra, at severities 1 to 3. */
    static final List<String> CORRUPTIONS = List.of("gaussian_noise", "fog", "spatter");

    /** A study of 200 examples whose cells are analyses drawn with other seeds. */
    static Robustness study(long seed) {
        ErrorAnalysis clean = ReportFixtures.analysis(200, ReportFixtures.CIFAR, seed)
                .withProvenance(ReportFixtures.provenance());
        List<RobustnessCell> cells = new ArrayList<>();
        long k = seed * 100;
        for (String c : CORRUPTIONS) {
            for (int s = 1; s <= 3; s++) {
                cells.add(new RobustnessCell(c, s, !c.equals("spatter"),
                        ReportFixtures.analysis(200, ReportFixtures.CIFAR, ++k)));
            }
        }
        return Robustness.of(clean, cells, 7L, io.github.erroranalysis.Bootstrap.defaults());
    }

    /** Every image drawn, the clean one included. */
    static CorruptedImages images() {
        return (corruption, severity, example) -> Optional.of(ReportFixtures.image(example + severity));
    }

    /** A report of two studies with a failed and a passed gate and every image. */
    static RobustnessReport twoModels() {
        Robustness a = study(1);
        RobustnessComparison c = a.compareWith(study(2));
        var gates = RobustnessGates.evaluate(a, List.of(
                QualityGate.corruptionAccuracyAtLeast("fog", 0.99).named("--min-corruption-accuracy fog=0.99"),
                QualityGate.meanCorruptionAccuracyAtLeast(0.1).named("--min-mean-corruption-accuracy 0.1")));
        return RobustnessReport.builder(a).name("baseline <b>").comparison(c, "augmented").gates(gates)
                .images(images()).build();
    }

    /** Markdown without its escapes, to look for plain text. */
    private static String plain(String md) {
        return md.replace("\\_", "_").replace("\\<", "<").replace("\\>", ">").replace("\\[", "[")
                .replace("\\]", "]");
    }

    @Test
    void oneModelShowsTheSummaryTableHeatMapPerClassAndGrid() {
        Robustness a = study(1);
        RobustnessReport r = RobustnessReport.builder(a).name("baseline").images(images()).build();
        assertThat(r.figureNames()).containsExactly("heat-map", "per-class-under-worst", "examples-3");
        String md = plain(r.toMarkdown());
        assertThat(md).contains("# Corruption robustness: baseline", "mean corruption accuracy over 2 standard "
                + "corruptions", "extra corruption apart", "worst corruption " + a.worstCorruption(),
                "figures/heat-map.png", "| gaussian_noise | standard |", "| spatter | extra |", "severity 3",
                "Corruption seed 7");
        assertThat(md).doesNotContain("Comparison:", "Quality gates");
        JsonNode json = Schemas.tree(r.toJson());
        assertThat(Schemas.problems(RobustnessJson.SCHEMA, json)).isEmpty();
        assertThat(json.get("worstCorruption").asText()).isEqualTo(a.worstCorruption());
        assertThat(json.has("comparison")).isFalse();
    }

    @Test
    void twoModelsShowTheDifferencesMcNemarAndTheVerdict() {
        RobustnessReport r = twoModels();
        assertThat(r.figureNames()).containsExactly("heat-map", "per-class-under-worst", "examples-3",
                "examples-b-3", "difference-heat-map");
        String md = plain(r.toMarkdown());
        RobustnessComparison c = r.comparison().orElseThrow();
        assertThat(md).contains("## Comparison: augmented (B) against baseline <b> (A)", "B fixes (interval above 0)",
                "no clear change", "A right, B wrong", "McNemar", "## Quality gates",
                "--min-corruption-accuracy fog=0.99");
        assertThat(RobustnessReport.verdict(c, "A", "B", 0.95)).startsWith("B (B) against A (A)");
        String html = r.toHtml();
        assertThat(html).contains("Content-Security-Policy", "baseline &lt;b&gt;").doesNotContain("baseline <b>");
        assertThat(html).contains("data:image/png;base64,");
        JsonNode json = Schemas.tree(r.toJson());
        assertThat(Schemas.problems(RobustnessJson.SCHEMA, json)).isEmpty();
        assertThat(json.get("comparison").get("corruptions")).hasSize(3);
        assertThat(json.get("gates").get(0).get("verdict").asText()).isEqualTo("failed");
        assertThat(json.get("seed").asLong()).isEqualTo(7L);
        int tests = c.cells().size();
        assertThat(md).contains("The " + tests + " per-cell tests are not corrected for multiple comparisons",
                "Holm's adjusted p-value over all " + tests, "| Holm p |", "bootstrap seed 42, not the corruption seed",
                "| mean over the standard corruptions | " + Formats.ratio(c.a().meanCorruptionAccuracy(0.95).estimate())
                        + " | " + Formats.ratio(c.b().meanCorruptionAccuracy(0.95).estimate()) + " |",
                "| mean over the extra corruptions | " + Formats.ratio(c.a().meanExtraAccuracy(0.95).estimate()));
    }

    @Test
    void holmMultipliesTheKthSmallestByTheTestsLeftAndKeepsTheOrder() {
        assertThat(RobustnessReport.holm(new double[] {0.04, 0.01, 0.03, 0.5}))
                .containsExactly(new double[] {0.09, 0.04, 0.09, 0.5}, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(RobustnessReport.holm(new double[] {0.6, 0.4})).containsExactly(0.8, 0.8);
        assertThat(RobustnessReport.holm(new double[0])).isEmpty();
    }

    @Test
    void writesTheFolderAtomicallyAndRefusesAForeignOne(@TempDir Path dir) throws Exception {
        RobustnessReport r = twoModels();
        Path folder = r.writeTo(dir.resolve("robustness"));
        assertThat(folder.resolve(RobustnessReport.JSON_FILE)).exists();
        assertThat(folder.resolve(RobustnessReport.MARKDOWN_FILE)).exists();
        assertThat(folder.resolve(RobustnessReport.HTML_FILE)).exists();
        assertThat(folder.resolve(OutputFolders.MARKER)).exists();
        for (String f : r.figureNames()) {
            assertThat(folder.resolve("figures/" + f + ".png")).isNotEmptyFile();
        }
        r.writeTo(folder);
        Path foreign = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> r.writeTo(foreign)).isInstanceOf(ForeignFolderException.class);
        assertThatThrownBy(() -> RobustnessReport.checkFolder(foreign, dir)).isInstanceOf(ForeignFolderException.class);
        assertThat(foreign.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void refusesAGridSeverityNotStudiedAndAComparisonOfAnotherStudy() {
        Robustness a = study(1);
        assertThatThrownBy(() -> RobustnessReport.builder(a).gridSeverity(5))
                .hasMessageContaining("severity 5 is not among the study's [1, 2, 3]");
        RobustnessComparison other = study(3).compareWith(study(2));
        assertThatThrownBy(() -> RobustnessReport.builder(a).comparison(other, "b"))
                .hasMessageContaining("not of this report's study");
    }
}
