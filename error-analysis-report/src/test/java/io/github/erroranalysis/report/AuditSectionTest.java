package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.erroranalysis.Audit;
import io.github.erroranalysis.AuditJson;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.SliceSearch;
import io.github.erroranalysis.testing.AuditFixtures;
import io.github.erroranalysis.testing.Schemas;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The data audit section: with and without its parts, in Markdown and HTML, its figures valid PNGs, and
 * {@code report.json}'s {@code sections.audit} the values of {@code audit.json}.
 */
class AuditSectionTest {

    static final int N = 200;
    static final ErrorAnalysis ANALYSIS = ReportFixtures.analysis(N, ReportFixtures.CIFAR, 7);

    /** Each example's correctness in {@link #ANALYSIS}. */
    static boolean[] correct() {
        boolean[] c = new boolean[N];
        for (int i = 0; i < N; i++) {
            c[i] = ANALYSIS.predictedClass(i) == ANALYSIS.trueClass(i);
        }
        return c;
    }

    /** An audit of {@link #ANALYSIS}'s examples. */
    static Audit audit(boolean training, boolean slices) {
        return AuditFixtures.audit(N, correct(), training, slices);
    }

    /** The training images of the fixtures: drawn like a test image of another index. */
    static final ImageSource TRAINING = (i, origin) -> Optional.of(ReportFixtures.image(i + 3));

    /** The training labels of the fixtures: a training record's class is its index modulo 10. */
    static final java.util.function.IntUnaryOperator TRAINING_LABELS = i -> i % 10;

    static ErrorReport report(Audit audit, ImageSource test) {
        return ErrorReport.builder(ANALYSIS).images(test).section(new AuditSection(audit, test, TRAINING)
                .withTrainingLabels(TRAINING_LABELS)).build();
    }

    @Test
    void withEveryPartTheSectionShowsTheSearchTheEffectThePairsAndTheSlices() throws IOException {
        Audit audit = audit(true, true);
        ErrorReport report = report(audit, ReportFixtures.images(0));
        String md = report.toMarkdown();
        var d = audit.duplicates().orElseThrow();
        SliceSearch s = audit.slices().orElseThrow();
        assertThat(md).contains("## Data audit", "### Near-duplicates of training images",
                "Each of the 200 test examples was compared with the 490 training records searched (10 more left out",
                "Distance: " + AuditFixtures.DISTANCE + ".", "at most 0.1200 from its nearest training record",
                Escaping.markdown(d.effect().inWords()), "| rank | test index | test origin | train index | train origin |",
                "### Near-duplicates within the test data", "2 pairs of test examples are at most 0.1200 apart",
                "### Slices where the model fails", "120 slices tried, 2 found at FDR q = 0.05",
                "| slice | support | accuracy \\[interval\\] | rest accuracy | p | q |",
                "| cat, brightness in the lowest 10 % |", Escaping.markdown("The most significant: " + s.slices().get(0).inWords()));
        assertThat(report.toHtml()).contains(Escaping.html(d.effect().inWords()),
                Escaping.html(s.slices().get(0).inWords()));
        assertThat(md).doesNotContain("placeholders");
        DuplicatePairRow first = new DuplicatePairRow(d.duplicates().get(0));
        assertThat(md).contains(Escaping.markdown(first.markdown()).replace("\\|", "|"));
        String html = report.toHtml();
        assertThat(html).contains("id=\"audit\"", "Data audit", "120 slices tried, 2 found at FDR q = 0.05",
                "cat, contrast in the highest 30 % and embedding cluster 7");
        assertThat(report.figureNames()).contains("audit-duplicate-pairs", "audit-nearest-distances",
                "audit-within-test-pairs", "audit-slices", "audit-slice-1", "audit-slice-2");
        for (String f : report.figureNames()) {
            if (f.startsWith("audit-")) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(report.figurePng(f)));
                assertThat(image).as(f).isNotNull();
                assertThat(image.getWidth()).as(f).isGreaterThan(100);
                assertThat(md).contains("figures/" + f + ".png");
            }
        }
    }

    /** A pair's row as the Markdown table shows it. */
    private record DuplicatePairRow(io.github.erroranalysis.DuplicatePair p) {
        String markdown() {
            return "| 1 | " + p.index() + " | " + p.origin().orElse("") + " | " + p.otherIndex() + " | "
                    + p.otherOrigin().orElse("") + " | " + ReportFixtures.CIFAR.get(ANALYSIS.trueClass(p.index()))
                    + " / " + ReportFixtures.CIFAR.get(ANALYSIS.predictedClass(p.index())) + " | "
                    + ReportFixtures.CIFAR.get(p.otherIndex() % 10) + " | " + String.format(java.util.Locale.ROOT, "%.4f", p.distance()) + " |";
        }
    }

    @Test
    void reportJsonSectionsAuditHoldsTheValuesOfAuditJson() {
        for (boolean training : new boolean[] {true, false}) {
            for (boolean slices : new boolean[] {true, false}) {
                Audit audit = audit(training, slices);
                JsonNode section = Schemas.tree(report(audit, ReportFixtures.images(0)).toJson()).get("sections")
                        .get(AuditSection.ID);
                ObjectNode document = (ObjectNode) Schemas.tree(AuditJson.write(audit));
                assertThat(Schemas.problems(AuditJson.SCHEMA, document)).isEmpty();
                document.remove("schemaVersion");
                document.remove("type");
                assertThat(section).as("training %s, slices %s", training, slices).isEqualTo(document);
                // the section with the document's version and type is a valid audit.json
                ObjectNode asDocument = Schemas.JSON.createObjectNode().put("schemaVersion", 2).put("type", "audit");
                asDocument.setAll((ObjectNode) section);
                assertThat(Schemas.problems(AuditJson.SCHEMA, asDocument)).isEmpty();
            }
        }
    }

    @Test
    void withoutTrainingDataTheSectionSaysSoInOneLineAndShowsTheSlices() {
        ErrorReport report = report(audit(false, true), ReportFixtures.images(0));
        String md = report.toMarkdown();
        assertThat(md).contains("no training data was given, so no near-duplicates were searched",
                "120 slices tried, 2 found").doesNotContain("Near-duplicates of training images",
                        "Near-duplicates within the test data");
        assertThat(report.figureNames()).contains("audit-slices").doesNotContain("audit-duplicate-pairs",
                "audit-nearest-distances", "audit-within-test-pairs");
    }

    @Test
    void withNoSlicesFoundOrNoneSearchedTheSectionSaysSo() {
        ErrorReport none = report(audit(true, false), ReportFixtures.images(0));
        assertThat(none.toMarkdown()).contains("120 slices tried, 0 found at FDR q = 0.05",
                "No slice has a q-value of at most 0.05");
        assertThat(none.figureNames()).contains("audit-duplicate-pairs").doesNotContain("audit-slices",
                "audit-slice-1");
        Audit a = audit(true, true);
        ErrorReport notSearched = report(new Audit(a.duplicates(), Optional.empty(), 1, "x", a.trainingSource()),
                ReportFixtures.images(0));
        assertThat(notSearched.toMarkdown()).contains("No slices were searched")
                .doesNotContain("Slices where the model fails");
    }

    @Test
    void missingImagesAreDrawnAsPlaceholdersAndCounted() throws IOException {
        ErrorReport report = report(audit(true, true), ReportFixtures.images(2));
        assertThat(report.toMarkdown()).containsPattern("\\d+ of the images these figures show could not be found; "
                + "they are drawn as placeholders\\.");
        assertThat(ImageIO.read(new ByteArrayInputStream(report.figurePng("audit-duplicate-pairs")))).isNotNull();
    }

    @Test
    void withoutTrainingLabelsThePairsShowTheTestClassesOnly() {
        Audit audit = audit(true, true);
        ErrorReport report = ErrorReport.builder(ANALYSIS).section(new AuditSection(audit, ImageSource.none(),
                ImageSource.none())).build();
        var p = audit.duplicates().orElseThrow().duplicates().get(0);
        assertThat(report.toMarkdown()).contains("| test class (true / predicted) | train class | distance |",
                " / " + ReportFixtures.CIFAR.get(ANALYSIS.predictedClass(p.index())) + " |  | "
                        + String.format(java.util.Locale.ROOT, "%.4f", p.distance()) + " |");
    }

    @Test
    void theSectionTakesTheAuditIdAndTitle() {
        AuditSection s = new AuditSection(audit(true, true), ImageSource.none(), ImageSource.none());
        assertThat(s.id()).isEqualTo("audit");
        assertThat(s.title()).isEqualTo("Data audit");
        assertThat(ErrorReport.BUILT_IN_SECTION_IDS).doesNotContain(AuditSection.ID);
        assertThat(List.of(AuditSection.FIGURE_PAIRS, AuditSection.GRID_SLICES)).containsExactly(24, 5);
    }
}
