package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the HTML report in a real headless Chromium (the Debian {@code chromium} that {@code .ci/run} installs) and
 * checks, over the DevTools protocol ({@link Chromium}), that every image loads, nothing is logged as an error,
 * nothing is fetched from the network, and a screenshot can be taken. Skips only where no Chromium binary is found.
 */
class HtmlReportBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(HtmlReportBrowserTest.class);

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_load_every_image_offline_without_console_errors(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the PATH: "
                + "install Debian's chromium (.ci/run does) to run the browser test");
        java.util.List<String> names = new ArrayList<>(ReportFixtures.CIFAR);
        names.set(3, ErrorReportTest.NASTY);
        ErrorReport report = ErrorReport.builder(ReportFixtures.analysis(300, names, 5)).images(ReportFixtures.images(9))
                .provenance(ReportFixtures.provenance()).trainingHistory(ReportFixtures.history()).build();
        Path folder = report.writeTo(dir.resolve("report"));
        Path html = folder.resolve(ErrorReport.HTML_FILE);

        Chromium.Page page = Chromium.open(chromium.get(), html, Files.createDirectory(dir.resolve("profile")));
        assertThat(page.images()).as("images in the page").isEqualTo(report.figureNames().size());
        assertThat(page.loaded()).as("images loaded with naturalWidth > 0").isEqualTo(page.images());
        assertThat(page.title()).isEqualTo(ErrorReport.DEFAULT_TITLE);
        Path screenshot = Files.write(folder.getParent().resolve("report-screenshot.png"), page.screenshot());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(page.screenshot()));
        assertThat(image).as("the screenshot decodes").isNotNull();
        assertThat(image.getWidth()).isPositive();
        LOG.info("browser check passed: {} images loaded; screenshot {}", page.loaded(), screenshot);
        assertThat(page.errors()).as("console errors and exceptions").isEmpty();
        assertThat(page.requests()).as("every request stays in the file (file: or data:)")
                .allMatch(u -> u.startsWith("file:") || u.startsWith("data:"));
    }
}
