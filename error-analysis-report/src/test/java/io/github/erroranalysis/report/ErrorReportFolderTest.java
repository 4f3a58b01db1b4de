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
        Path earlier = Files.createDirectories(dir.resolve("earlier/" + ErrorReport.FIGURE_FOLDER));
        earlier = earlier.getParent();
        Files.writeString(earlier.resolve(ErrorReport.JSON_FILE), "{\n  \"schemaVersion\" : 1,\n  \"title\": "
                + "\"old\", \"classes\": [\"a\", {\"schemaVersion\": 2}]\n}\n");
        Files.writeString(earlier.resolve(ErrorReport.MARKDOWN_FILE), "# old");
        Files.writeString(earlier.resolve(ErrorReport.HTML_FILE), "<html>old</html>");
        Files.write(earlier.resolve(ErrorReport.FIGURE_FOLDER + "/confusion.png"), new byte[] {1});
        assertThat(ErrorReport.checkFolder(earlier)).isEqualTo(earlier);
        report().writeTo(earlier);
        assertThat(earlier.resolve(ErrorReport.MARKDOWN_FILE)).content().doesNotContain("# old");
        assertThat(earlier.resolve(ErrorReport.FIGURE_FOLDER + "/confusion.png")).doesNotExist();
        assertThat(earlier.resolve(OutputFolders.MARKER)).isRegularFile();
    }

    @Test
    void should_refuse_a_users_folder_holding_a_copied_report_json_and_leave_it_untouched() throws IOException {
        Path thesis = Files.createDirectory(dir.resolve("thesis"));
        Files.copy(report().writeTo(dir.resolve("r")).resolve(ErrorReport.JSON_FILE),
                thesis.resolve(ErrorReport.JSON_FILE));
        Files.writeString(thesis.resolve("chapter1.tex"), "three years of work");
        byte[] json = Files.readAllBytes(thesis.resolve(ErrorReport.JSON_FILE));
        assertThatThrownBy(() -> report().writeTo(thesis)).isInstanceOf(ForeignFolderException.class)
                .hasMessage(thesis + " is not a report folder written by this library (it holds chapter1.tex, "
                        + "report.json); nothing was written: choose another folder or remove it");
        assertThatThrownBy(() -> ErrorReport.checkFolder(thesis)).isInstanceOf(ForeignFolderException.class);
        assertThat(thesis.resolve("chapter1.tex")).hasContent("three years of work");
        assertThat(Files.readAllBytes(thesis.resolve(ErrorReport.JSON_FILE))).isEqualTo(json);
        try (var files = Files.list(thesis)) {
            assertThat(files).hasSize(2);
        }
        // a user's figure in figures/ (not a PNG) or a subfolder there is not an earlier report's either
        Path figures = Files.createDirectories(dir.resolve("figs/" + ErrorReport.FIGURE_FOLDER + "/mine"));
        Files.writeString(figures.getParent().getParent().resolve(ErrorReport.JSON_FILE), "{\"schemaVersion\": 1}");
        assertThatThrownBy(() -> report().writeTo(figures.getParent().getParent()))
                .isInstanceOf(ForeignFolderException.class);
        assertThat(figures).isEmptyDirectory();
    }

    @Test
    void should_refuse_a_report_to_which_the_user_added_a_file_and_leave_it_untouched() throws IOException {
        Path r = report().writeTo(dir.resolve("r"));
        Files.writeString(r.resolve("notes.md"), "what I make of it");
        String html = Files.readString(r.resolve(ErrorReport.HTML_FILE));
        assertThatThrownBy(() -> report().writeTo(r)).isInstanceOf(ForeignFolderException.class)
                .hasMessage(r + " is a report folder written by this library, but files were added to it since "
                        + "(notes.md); nothing was written: move them out or choose another folder");
        assertThat(r.resolve("notes.md")).hasContent("what I make of it");
        assertThat(r.resolve(ErrorReport.HTML_FILE)).hasContent(html);
        Files.delete(r.resolve("notes.md"));
        assertThat(report().writeTo(r)).isEqualTo(r);
    }

    @Test
    void should_recognise_only_one_json_object_declaring_schema_version_1_exactly() throws IOException {
        Path f = dir.resolve(ErrorReport.JSON_FILE);
        assertThat(ErrorReport.declaresUnmarkedVersion(f)).as("absent").isFalse();
        for (String yes : List.of("{\"schemaVersion\":1}", "{ \"a\": {\"b\": [1, 2]},\"schemaVersion\" :\n 1 }\n")) {
            Files.writeString(f, yes);
            assertThat(ErrorReport.declaresUnmarkedVersion(f)).as(yes).isTrue();
        }
        for (String no : List.of("{\"schemaVersion\": 10}", "{\"schemaVersion\": 1.0}", "{\"schemaVersion\": 2}",
                "{\"schemaVersion\": \"1\"}", "{\"version\": 1}", "thesis \"schemaVersion\": 1",
                "{\"a\": {\"schemaVersion\": 1}}", "[{\"schemaVersion\": 1}]", "{\"schemaVersion\": 1",
                "{\"schemaVersion\": 1} trailing", "{\"schemaVersion\": 1, \"schemaVersion\": 2}",
                "{\"schemaVersion\": 1, \"schemaVersion\": 1}", "{\"schemaVersion\": 4294967297}",
                "{\"note\": \"\\\"schemaVersion\\\": 1\"}", "")) {
            Files.writeString(f, no);
            assertThat(ErrorReport.declaresUnmarkedVersion(f)).as(no).isFalse();
        }
        assertThat(ErrorReport.declaresUnmarkedVersion(dir)).as("a folder").isFalse();
    }
}
