package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.Audit;
import io.github.erroranalysis.AuditJson;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.testing.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit command's folder: audit.json (the one writer's text, valid), report.md, report.html and every figure,
 * with the marker; a user's folder is refused untouched, an earlier audit folder replaced whole. With
 * {@code -Daudit.keep=DIR} the full audit's folder is also written to DIR, to look at its figures by eye.
 */
class AuditReportTest {

    /** The full audit's folder, written into {@code dir}. */
    static Path written(Path dir) throws IOException {
        return AuditReport.write(dir, AuditSectionTest.ANALYSIS, AuditSectionTest.audit(true, true),
                ReportFixtures.images(0), AuditSectionTest.TRAINING);
    }

    @Test
    void theFolderHoldsTheJsonTheTwoRenderingsAndEveryFigure(@TempDir Path dir) throws IOException {
        Audit audit = AuditSectionTest.audit(true, true);
        Path folder = written(dir.resolve("audit"));
        String json = Files.readString(folder.resolve(AuditReport.JSON_FILE), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(AuditJson.write(audit));
        assertThat(Schemas.problems(AuditJson.SCHEMA, Schemas.tree(json))).isEmpty();
        String md = Files.readString(folder.resolve(AuditReport.MARKDOWN_FILE), StandardCharsets.UTF_8);
        assertThat(md).startsWith("# Data audit: test batch of cifar-10").contains("120 slices tried, 2 found");
        String html = Files.readString(folder.resolve(AuditReport.HTML_FILE), StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Data audit: test batch of cifar-10</title>");
        assertThat(folder.resolve(OutputFolders.MARKER)).isRegularFile();
        List<Path> figures;
        try (Stream<Path> s = Files.list(folder.resolve(AuditReport.FIGURE_FOLDER))) {
            figures = s.sorted().toList();
        }
        assertThat(figures.stream().map(p -> p.getFileName().toString())).contains("audit-duplicate-pairs.png",
                "audit-nearest-distances.png", "audit-within-test-pairs.png", "audit-slices.png",
                "audit-slice-1.png", "audit-slice-2.png");
        for (Path f : figures) {
            assertThat(ImageIO.read(f.toFile())).as(f.toString()).isNotNull();
            assertThat(md).contains(AuditReport.FIGURE_FOLDER + "/" + f.getFileName());
        }
        String keep = System.getProperty("audit.keep", "");
        if (!keep.isBlank()) {
            written(Path.of(keep));
        }
    }

    @Test
    void aUsersFolderIsRefusedUntouchedAndAnEarlierAuditFolderIsReplacedWhole(@TempDir Path dir) throws IOException {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> written(mine)).isInstanceOf(ForeignFolderException.class);
        assertThatThrownBy(() -> AuditReport.checkFolder(mine, dir)).isInstanceOf(ForeignFolderException.class);
        assertThat(Files.readString(mine.resolve("notes.txt"))).isEqualTo("mine");
        try (Stream<Path> s = Files.list(mine)) {
            assertThat(s.count()).isEqualTo(1);
        }
        Path folder = written(dir.resolve("audit"));
        assertThat(folder.resolve(AuditReport.FIGURE_FOLDER).resolve("audit-duplicate-pairs.png")).isRegularFile();
        assertThat(AuditReport.checkFolder(folder, dir)).isEqualTo(folder);
        // the second run has no training data: its folder has no pair figures left over from the first
        Audit second = AuditSectionTest.audit(false, true);
        AuditReport.write(folder, AuditSectionTest.ANALYSIS, second, ReportFixtures.images(0), ImageSource.none());
        assertThat(Files.readString(folder.resolve(AuditReport.JSON_FILE))).isEqualTo(AuditJson.write(second));
        assertThat(folder.resolve(AuditReport.FIGURE_FOLDER).resolve("audit-duplicate-pairs.png")).doesNotExist();
        assertThat(folder.resolve(AuditReport.FIGURE_FOLDER).resolve("audit-slices.png")).isRegularFile();
        // another kind of output of this library is not an audit folder
        Path robustness = Files.createDirectories(dir.resolve("robustness"));
        OutputFolders.replace(robustness, RobustnessReport.FOLDER_KIND, java.util.Map.of("robustness.json",
                "{}".getBytes(StandardCharsets.UTF_8)), p -> false);
        assertThatThrownBy(() -> written(robustness)).isInstanceOf(IOException.class);
        assertThat(robustness.resolve("robustness.json")).isRegularFile();
    }
}
