package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.report.Chromium;
import io.github.erroranalysis.report.ExplorerCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's "done when": the main job's report and the 5,000-image validation-pile report (nearest training
 * examples among the other 45,000) pass the explorer's browser check in a real headless Chromium: every confusion
 * cell and row header filters the gallery to exactly its mistakes, the filters and sorts work, a tile's detail opens
 * with its evidence, and there are no console errors, CSP violations or network requests. Skips with a message
 * without a Chromium binary (and the second test without the shared CIFAR-10 archive).
 */
class ExplorerBrowserCliTest {

    @TempDir
    Path folder;

    private static Path chromium() {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the "
                + "PATH: the explorer's browser check of the CLI's reports is skipped");
        return chromium.get();
    }

    @Test
    void the_main_jobs_report_passes_the_explorer_check() throws Exception {
        Path chromium = chromium();
        Cli.Result r = Cli.run(folder);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        Path report = folder.resolve("error-report");
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());

        ExplorerCheck.Summary seen = ExplorerCheck.check(chromium, report.resolve("report.html"),
                Files.createDirectory(folder.resolve("profile")));

        assertThat(seen.tiles()).as("a tile for every wrong prediction")
                .isEqualTo(json.at("/wrongPredictions/count").asInt());
        assertThat(seen.cells()).as("every non-diagonal cell of the 10-class matrix").isEqualTo(90);
        assertThat(seen.rowHeaders()).isEqualTo(10);
        assertThat(seen.detail()).as("the first tile's detail shows its saliency maps").contains("evidence figures");
    }

    @Test
    void the_validation_piles_report_with_nearest_training_examples_passes_the_explorer_check() throws Exception {
        Path chromium = chromium();
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive
                + ": the validation pile's browser check is skipped");
        Cli.Result r = Cli.run(folder, "analyze", "--data", archive.toString(), "--split", "validation",
                "--train-data", archive.toString(), "--quiet", "--out", "report");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        Path report = folder.resolve("report");
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/evidence/trainingData/excluded").asInt()).as("the validation pile left out").isEqualTo(5000);
        assertThat(Files.size(report.resolve("report.html"))).as("report.html under 15 MB").isLessThan(15L << 20);

        ExplorerCheck.Summary seen = ExplorerCheck.check(chromium, report.resolve("report.html"),
                Files.createDirectory(folder.resolve("profile")));

        assertThat(seen.tiles()).isEqualTo(json.at("/wrongPredictions/count").asInt());
        assertThat(seen.cells()).isEqualTo(90);
        // the detail of an explained mistake: its Grad-CAM map (and occlusion for a grid one) and 3 neighbours
        assertThat(seen.detail()).containsPattern(" with ([4-9]|\\d\\d+) evidence figures");
    }
}
