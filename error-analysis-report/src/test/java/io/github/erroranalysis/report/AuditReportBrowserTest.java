package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens an audit folder's report.html in a real headless Chromium ({@link Chromium}) and checks that every figure
 * loads (complete, natural width above 0), nothing is logged as an error and nothing but the page itself is fetched;
 * a report.html written elsewhere (the CLI's {@code audit --out DIR}) is checked the same way with
 * {@code -Daudit.report=/path/to/report.html}. Skips only where no Chromium binary is found (or, for the second
 * test, no file is named).
 */
class AuditReportBrowserTest {

    /** The system property naming an audit folder's report.html to check. */
    static final String REPORT_PROPERTY = "audit.report";

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void everyFigureOfTheAuditReportLoadsOffline(@TempDir Path dir) throws Exception {
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the "
                + "PATH: install Debian's chromium (.ci/run does) to run the browser test");
        Path folder = AuditReportTest.written(dir.resolve("audit"));
        List<Path> figures;
        try (Stream<Path> s = Files.list(folder.resolve(AuditReport.FIGURE_FOLDER))) {
            figures = s.toList();
        }
        Chromium.Page page = Chromium.open(chromium.get(), folder.resolve(AuditReport.HTML_FILE),
                Files.createDirectory(dir.resolve("profile")));
        assertThat(page.images()).as("one image per figure").isEqualTo(figures.size());
        check(page, folder.resolve(AuditReport.HTML_FILE));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anAuditReportNamedOnTheCommandLineLoadsEveryFigure(@TempDir Path dir) throws Exception {
        String named = System.getProperty(REPORT_PROPERTY, "");
        assumeTrue(!named.isBlank(), "no -D" + REPORT_PROPERTY + "=/path/to/report.html given: nothing to check");
        Optional<Path> chromium = Chromium.find();
        assumeTrue(chromium.isPresent(), "no Chromium binary (chromium, chromium-browser, google-chrome) on the "
                + "PATH: install Debian's chromium (.ci/run does) to run the browser test");
        Path html = Path.of(named).toAbsolutePath();
        check(Chromium.open(chromium.get(), html, Files.createDirectory(dir.resolve("profile"))), html);
    }

    /** Every {@code <img>} of the file is in the page and loaded; no error logged; nothing fetched from outside. */
    private static void check(Chromium.Page page, Path html) throws Exception {
        assertThat(page.images()).as("images in the page").isPositive()
                .isEqualTo(HtmlReportBrowserTest.imgElements(Files.readString(html)));
        assertThat(page.loaded()).as("images loaded with naturalWidth > 0").isEqualTo(page.images());
        assertThat(page.errors()).as("console errors and exceptions").isEmpty();
        assertThat(page.requests()).as("every request stays in the file").allMatch(u -> u.startsWith("file:")
                || u.startsWith("data:"));
    }
}
