package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.OutputFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ErrorReport#writeTo(Path)} replaces only a report: never a folder of the user's own files. */
class ErrorReportFolderTest {

    @TempDir
    Path dir;

    private static ErrorReport report() {
        ErrorAnalysis analysis = ReportFixtures.analysis(60, List.of("a", "b", "c"), 7);
        return ErrorReport.builder(analysis).images(ImageSource.none()).build();
    }

    @Test
    void should_refuse_a_folder_of_other_files_and_leave_it_untouched() throws IOException {
        Path v = Files.createDirectories(dir.resolve("v/sub")).getParent();
        Files.writeString(v.resolve("thesis.txt"), "three years of work");
        assertThatThrownBy(() -> report().writeTo(v)).isInstanceOf(ForeignFolderException.class)
                .hasMessage(v + " is not a report folder written by this library (it holds sub/, thesis.txt); "
                        + "nothing was written: choose another folder or remove it");
        assertThatThrownBy(() -> ErrorReport.checkFolder(v)).isInstanceOf(ForeignFolderException.class);
        assertThat(v.resolve("thesis.txt")).hasContent("three years of work");
        assertThat(v.resolve("sub")).isEmptyDirectory();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(v);
        }
    }

    @Test
    void should_write_the_marker_and_replace_a_report_of_the_version_before_the_marker() throws IOException {
        Path written = report().writeTo(dir.resolve("r"));
        assertThat(written.resolve(OutputFolders.MARKER)).isRegularFile();
        Path earlier = Files.createDirectory(dir.resolve("earlier"));
        Files.writeString(earlier.resolve(ErrorReport.JSON_FILE), "{\n  \"schemaVersion\" : 1\n}\n");
        Files.writeString(earlier.resolve("old.txt"), "of the earlier report");
        assertThat(ErrorReport.checkFolder(earlier)).isEqualTo(earlier);
        report().writeTo(earlier);
        assertThat(earlier.resolve("old.txt")).doesNotExist();
        assertThat(earlier.resolve(ErrorReport.HTML_FILE)).isNotEmptyFile();
    }
}
