package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output folders: replaced only when this library wrote them, never a user's folder, leftovers repaired. */
class OutputFoldersTest {

    private static final Predicate<Path> NO_EARLIER_VERSION = folder -> false;
    private static final Predicate<Path> EARLIER_REPORT = folder ->
            OutputFolders.declaresSchemaVersion(folder.resolve("report.json"), 1);

    @TempDir
    Path dir;

    static Map<String, byte[]> report(String version) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("report.md", ("# " + version + "\n").getBytes(StandardCharsets.UTF_8));
        files.put("report.json", ("{\"schemaVersion\": 1, \"v\": \"" + version + "\"}").getBytes(StandardCharsets.UTF_8));
        files.put("figures/a.png", version.getBytes(StandardCharsets.UTF_8));
        files.put("figures/deep/b.png", version.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Every file under a folder (relative name, folders with a trailing slash) to its bytes as Latin-1 text. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                String name = root.relativize(p).toString().replace('\\', '/');
                tree.put(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name,
                        Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                                ? new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1) : "");
            }
        }
        return tree;
    }

    private List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void should_write_the_files_and_the_marker_and_replace_its_own_folder_whole() throws IOException {
        Path target = dir.resolve("report");
        assertThat(OutputFolders.replace(target, "report folder", report("one"), NO_EARLIER_VERSION))
                .isEqualTo(target);
        assertThat(tree(target)).containsOnlyKeys(OutputFolders.MARKER, "report.md", "report.json", "figures/",
                "figures/a.png", "figures/deep/", "figures/deep/b.png");
        assertThat(tree(target).get(OutputFolders.MARKER)).startsWith("written by error-analysis");
        Files.writeString(target.resolve("stale.txt"), "from the older report");
        OutputFolders.replace(target, "report folder", report("two"), NO_EARLIER_VERSION);
        assertThat(tree(target)).doesNotContainKey("stale.txt").containsEntry("report.md", "# two\n");
        assertThat(names(dir)).containsExactly("report");
    }

    @Test
    void should_refuse_a_folder_of_the_users_files_naming_what_it_holds_and_touch_nothing() throws IOException {
        Path target = Files.createDirectories(dir.resolve("v/sub"));
        target = target.getParent();
        Files.writeString(target.resolve("thesis.txt"), "three years of work");
        Map<String, String> before = tree(dir);
        Path v = target;
        assertThatThrownBy(() -> OutputFolders.replace(v, "report folder", report("one"), EARLIER_REPORT))
                .isInstanceOf(ForeignFolderException.class)
                .hasMessage(v + " is not a report folder written by this library (it holds sub/, thesis.txt); "
                        + "nothing was written: choose another folder or remove it")
                .satisfies(e -> assertThat(((ForeignFolderException) e).contents())
                        .containsExactly("sub/", "thesis.txt"));
        assertThatThrownBy(() -> OutputFolders.check(v, "report folder", EARLIER_REPORT))
                .isInstanceOf(ForeignFolderException.class);
        assertThat(tree(dir)).isEqualTo(before);
    }

    @Test
    void should_count_only_the_first_entries_of_a_large_foreign_folder() throws IOException {
        Path target = Files.createDirectory(dir.resolve("many"));
        for (int i = 0; i < 8; i++) {
            Files.writeString(target.resolve("f" + i), "x");
        }
        assertThatThrownBy(() -> OutputFolders.check(target, "report folder", NO_EARLIER_VERSION))
                .hasMessageContaining("(it holds f0, f1, f2, f3, f4 and 3 more)");
    }

    @Test
    void should_replace_an_empty_folder_and_an_earlier_versions_report_without_marker() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        OutputFolders.replace(empty, "report folder", report("one"), NO_EARLIER_VERSION);
        assertThat(empty.resolve("report.md")).hasContent("# one");

        Path earlier = Files.createDirectory(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("report.json"), "{\n  \"schemaVersion\" : 1,\n  \"x\": 2}");
        Files.writeString(earlier.resolve("report.md"), "old");
        assertThatThrownBy(() -> OutputFolders.check(earlier, "report folder", NO_EARLIER_VERSION))
                .isInstanceOf(ForeignFolderException.class);
        OutputFolders.replace(earlier, "report folder", report("two"), EARLIER_REPORT);
        assertThat(earlier.resolve("report.md")).hasContent("# two");
        assertThat(earlier.resolve(OutputFolders.MARKER)).exists();
        assertThat(names(dir)).containsExactly("earlier", "empty");
    }

    @Test
    void should_recognise_a_declared_schema_version_only_exactly() throws IOException {
        Path f = dir.resolve("report.json");
        assertThat(OutputFolders.declaresSchemaVersion(f, 1)).as("absent").isFalse();
        for (String yes : List.of("{\"schemaVersion\":1}", "{ \"schemaVersion\" :\n 1 , \"a\": 3}")) {
            Files.writeString(f, yes);
            assertThat(OutputFolders.declaresSchemaVersion(f, 1)).as(yes).isTrue();
        }
        for (String no : List.of("{\"schemaVersion\": 10}", "{\"schemaVersion\": 1.5}", "{\"schemaVersion\": 2}",
                "{\"version\": 1}", "thesis")) {
            Files.writeString(f, no);
            assertThat(OutputFolders.declaresSchemaVersion(f, 1)).as(no).isFalse();
        }
        assertThat(OutputFolders.declaresSchemaVersion(dir, 1)).as("a folder").isFalse();
    }

    @Test
    void should_refuse_the_root_the_working_folder_and_a_folder_holding_it() {
        Path working = Path.of("").toAbsolutePath();
        for (Path p : List.of(working, working.getParent(), Path.of(""), Path.of(".."))) {
            assertThatThrownBy(() -> OutputFolders.replace(p, "report folder", report("x"), folder -> true))
                    .as(p.toString()).isInstanceOf(IOException.class)
                    .hasMessageContaining("it is the working folder or holds it; nothing was written");
        }
        Path root = working.getRoot();
        assertThatThrownBy(() -> OutputFolders.replace(root, "report folder", report("x"), folder -> true))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write the report folder " + root + ": it is the root folder; nothing was written");
    }

    @Test
    void should_refuse_a_file_and_a_file_in_the_parents() throws IOException {
        Path file = Files.writeString(dir.resolve("report"), "not a folder");
        assertThatThrownBy(() -> OutputFolders.replace(file, "report folder", report("x"), NO_EARLIER_VERSION))
                .hasMessage("cannot write the report folder " + file + ": a file of that name exists; nothing was "
                        + "written");
        assertThatThrownBy(() -> OutputFolders.replace(file.resolve("in"), "report folder", report("x"),
                NO_EARLIER_VERSION)).hasMessageContaining(file + " is a file, not a folder; nothing was written");
        assertThat(file).hasContent("not a folder");
        assertThat(names(dir)).containsExactly("report");
    }

    @Test
    void should_follow_a_symbolic_link_refusing_a_users_folder_and_writing_into_a_report() throws IOException {
        Path users = Files.createDirectory(dir.resolve("users"));
        Files.writeString(users.resolve("notes.txt"), "mine");
        Path link = Files.createSymbolicLink(dir.resolve("link"), users);
        assertThatThrownBy(() -> OutputFolders.replace(link, "report folder", report("x"), EARLIER_REPORT))
                .isInstanceOf(ForeignFolderException.class).hasMessageContaining(users + " is not a report folder");
        assertThat(tree(users)).containsExactly(Map.entry("notes.txt", "mine"));
        assertThat(Files.isSymbolicLink(link)).isTrue();

        Path reports = dir.resolve("reports");
        OutputFolders.replace(reports, "report folder", report("one"), NO_EARLIER_VERSION);
        Path toReport = Files.createSymbolicLink(dir.resolve("to-report"), reports);
        assertThat(OutputFolders.replace(toReport, "report folder", report("two"), NO_EARLIER_VERSION))
                .isEqualTo(reports.toRealPath());
        assertThat(Files.isSymbolicLink(toReport)).isTrue();
        assertThat(reports.resolve("report.md")).hasContent("# two");
        assertThat(names(dir)).containsExactly("link", "reports", "to-report", "users");
    }

    @Test
    void should_refuse_file_names_that_leave_the_folder_or_replace_the_marker() {
        for (String bad : List.of("../escape", "/abs", "", OutputFolders.MARKER, "a/../..")) {
            Map<String, byte[]> files = Map.of(bad, new byte[1]);
            assertThatThrownBy(() -> OutputFolders.replace(dir.resolve("r"), "report folder", files,
                    NO_EARLIER_VERSION)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void should_restore_an_old_version_moved_aside_and_delete_every_leftover() throws IOException {
        Path target = dir.resolve("rep");
        OutputFolders.replace(target, "report folder", report("old"), NO_EARLIER_VERSION);
        // what a kill between the two renames leaves: the old report aside, a complete staged one, no folder
        Files.move(target, dir.resolve(".rep.old-0123456789abcdef"));
        OutputFolders.replace(dir.resolve("staged"), "report folder", report("new"), NO_EARLIER_VERSION);
        Files.move(dir.resolve("staged"), dir.resolve(".rep.new-00000000000000ff"));
        Files.createDirectories(dir.resolve(".rep.del-aaaaaaaaaaaaaaaa/figures"));
        Files.createDirectory(dir.resolve(".rep.new-1111111111111111"));
        Files.createDirectories(dir.resolve(".rep.old-2222222222222222"));
        Path lookalike = Files.createDirectory(dir.resolve(".rep.old-3333333333333333"));
        Files.writeString(lookalike.resolve("mine.txt"), "not a leftover: no marker");
        Files.createDirectory(dir.resolve(".rep.old-short"));

        OutputFolders.recover(target);

        assertThat(tree(target)).containsEntry("report.md", "# old\n");
        assertThat(names(dir)).containsExactly(".rep.old-3333333333333333", ".rep.old-short", "rep");
        OutputFolders.recover(target);
        assertThat(names(dir)).containsExactly(".rep.old-3333333333333333", ".rep.old-short", "rep");
    }

    @Test
    void should_clean_leftovers_before_writing_and_keep_the_folder_when_it_is_there() throws IOException {
        Path target = dir.resolve("rep");
        OutputFolders.replace(target, "report folder", report("current"), NO_EARLIER_VERSION);
        OutputFolders.replace(dir.resolve("x"), "report folder", report("older"), NO_EARLIER_VERSION);
        Files.move(dir.resolve("x"), dir.resolve(".rep.old-0123456789abcdef"));
        OutputFolders.recover(target);
        assertThat(tree(target)).containsEntry("report.md", "# current\n");
        assertThat(names(dir)).containsExactly("rep");

        Files.createDirectory(dir.resolve(".rep.new-0123456789abcdef"));
        OutputFolders.replace(target, "report folder", report("next"), NO_EARLIER_VERSION);
        assertThat(names(dir)).containsExactly("rep");
    }
}
