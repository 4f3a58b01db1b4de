package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens robustness.html in a real headless Chromium ({@link Chromium}) and checks that every figure loads
 * (complete, natural width above 0), nothing is logged as an error and nothing but the page itself is fetched. Skips
 * only where no Chromium binary is found.
 */
class RobustnessReportBrowserTest {

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyFigureOfTheRobustnessReportLoadsOffline(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the "
                + "PATH: install Debian's chromium (.ci/run does) to run the browser test");
        RobustnessReport report = RobustnessReportTest.twoModels();
        Path folder = report.writeTo(dir.resolve("robustness"));
        Chromium.Page page = Chromium.open(chromium.get(), folder.resolve(RobustnessReport.HTML_FILE),
                Files.createDirectory(dir.resolve("profile")));
        assertThat(page.images()).isEqualTo(report.figureNames().size());
        assertThat(page.loaded()).isEqualTo(page.images());
        assertThat(page.errors()).isEmpty();
        assertThat(page.requests()).allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
    }
}
