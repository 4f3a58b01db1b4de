package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.RobustnessJson;
import io.github.erroranalysis.report.Chromium;
import io.github.erroranalysis.report.RobustnessReport;
import io.github.erroranalysis.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The robustness main job: {@code robustness --model baseline --model-b augmented} with its defaults on the bundled
 * sample at every severity, a report valid against robustness.schema.json whose figures all load in a real headless
 * Chromium (skipped with a message when there is none). The README's command runs all 19 corruptions (68 s here for
 * both models on 2 busy cores); to stay under a minute the test runs {@value #FEW} unless
 * {@code -Drobustness.corruptions=all} (or other names) asks otherwise.
 */
class RobustnessMainJobTest {

    /** The corruptions the test runs by default: noise, the slowest blur, motion, weather, colour and an extra. */
    static final String FEW = "gaussian_noise,glass_blur,motion_blur,fog,contrast,spatter";

    @TempDir
    Path dir;

    @Test
    void theMainJobsReportIsValidAndItsFiguresLoadInTheBrowser() throws Exception {
        String corruptions = System.getProperty("robustness.corruptions", FEW);
        List<String> args = new ArrayList<>(List.of("robustness", "--model", "baseline", "--model-b", "augmented"));
        if (!corruptions.equals("all")) {
            args.addAll(List.of("--corruptions", corruptions));
        }
        long start = System.nanoTime();
        Cli.Result r = Cli.run(dir, args.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        System.out.printf("robustness main job: %.1f s%n%s", seconds, r.out());
        Path out = dir.resolve(RobustnessCommand.DEFAULT_OUT);
        JsonNode json = new ObjectMapper().readTree(out.resolve(RobustnessReport.JSON_FILE).toFile());
        assertThat(Schemas.problems(RobustnessJson.SCHEMA, json)).isEmpty();
        assertThat(json.get("examples").asInt()).isEqualTo(1000);
        assertThat(json.get("severities")).hasSize(5);
        assertThat(json.get("corruptions")).hasSize(corruptions.equals("all") ? 19 : corruptions.split(",").length);

        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the "
                + "PATH: the robustness report's browser check is skipped");
        Chromium.Page page = Chromium.open(chromium.get(), out.resolve(RobustnessReport.HTML_FILE),
                Files.createDirectory(dir.resolve("profile")));
        assertThat(page.images()).isEqualTo(countFigures(out));
        assertThat(page.loaded()).as("every <img> has loaded (naturalWidth > 0)").isEqualTo(page.images());
        assertThat(page.errors()).isEmpty();
        assertThat(page.requests()).allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
    }

    private static int countFigures(Path out) throws Exception {
        try (var list = Files.list(out.resolve(RobustnessReport.FIGURE_FOLDER))) {
            return (int) list.count();
        }
    }
}
