package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.io.OutputFolders;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.RobustnessReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --out} never replaces a folder this tool wrote as another kind of output: exit 2, the folder untouched. */
class OutputKindTest {

    @TempDir
    Path dir;

    /** Every file under a folder (relative name) to its bytes, as Latin-1 text. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                tree.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return tree;
    }

    @Test
    void robustnessRefusesTheDataSetThatCorruptWroteAndCorruptStillReplacesIt() throws Exception {
        Cli.Result corrupt = Cli.run(dir, "corrupt", "--corruption", "brightness", "--severity", "1", "--out", "f");
        assertThat(corrupt.exitCode()).as(corrupt.err()).isEqualTo(ExitCodes.PASSED);
        Map<String, String> data = tree(dir.resolve("f"));
        assertThat(data).containsKey("cifar-10-batches-bin/data_batch_1.bin");

        Cli.Result r = Cli.run(dir, "robustness", "--corruptions", "fog", "--severities", "1", "-q", "--out", "f");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n")
                .contains("cannot write the robustness folder", "it holds a corrupted data folder", "nothing was written");
        assertThat(tree(dir.resolve("f"))).isEqualTo(data);

        Cli.Result again = Cli.run(dir, "corrupt", "--corruption", "contrast", "--severity", "1", "--out", "f");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(tree(dir.resolve("f"))).containsKey("cifar-10-batches-bin/data_batch_1.bin").isNotEqualTo(data);
    }

    @Test
    void corruptRefusesARobustnessFolderAndRobustnessRefusesAReportFolder() throws Exception {
        Path robustness = dir.resolve("r");
        OutputFolders.replace(robustness, RobustnessReport.FOLDER_KIND,
                Map.of("robustness.md", "# r\n".getBytes(StandardCharsets.UTF_8)), f -> false);
        Map<String, String> before = tree(robustness);
        Cli.Result corrupt = Cli.run(dir, "corrupt", "--corruption", "fog", "--severity", "1", "--out", "r");
        assertThat(corrupt.exitCode()).as(corrupt.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(corrupt.err()).contains("cannot write the corrupted data folder", "it holds a robustness folder");
        assertThat(tree(robustness)).isEqualTo(before);

        Path report = dir.resolve("an");
        OutputFolders.replace(report, ErrorReport.FOLDER_KIND,
                Map.of("report.html", "<p>mine</p>".getBytes(StandardCharsets.UTF_8)), f -> false);
        Map<String, String> reportBefore = tree(report);
        Cli.Result r = Cli.run(dir, "robustness", "--corruptions", "fog", "--severities", "1", "-q", "--out", "an");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("cannot write the robustness folder", "it holds a report folder");
        assertThat(tree(report)).isEqualTo(reportBefore);
    }
}
