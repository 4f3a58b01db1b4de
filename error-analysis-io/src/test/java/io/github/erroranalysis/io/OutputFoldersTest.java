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
    /** An earlier version's report: nothing but report.md and report.json, the JSON saying it is one. */
    private static final Predicate<Path> EARLIER_REPORT = folder -> OutputFolders.holdsOnly(folder,
            name -> name.equals("report.md") || name.equals("report.json"))
            && declaresVersion1(folder.resolve("report.json"));

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

    private static boolean declaresVersion1(Path file) {
        try {
            return Files.readString(file).matches("(?s)\\{\\s*\"schemaVersion\"\\s*:\\s*1\\b.*");
        } catch (IOException e) {
            return false;
        }
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
        assertThat(tree(target).get(OutputFolders.MARKER)).startsWith("written by error-analysis")
                .endsWith("\nfiles:\nreport.md\nreport.json\nfigures/a.png\nfigures/deep/b.png\n");
        Files.delete(target.resolve("figures/a.png"));
        OutputFolders.replace(target, "report folder", report("two"), NO_EARLIER_VERSION);
        assertThat(tree(target)).containsEntry("report.md", "# two\n").containsKey("figures/a.png");
        assertThat(names(dir)).containsExactly("report");
    }

    @Test
    void should_stream_each_file_through_its_writer_and_keep_the_old_folder_when_a_writer_fails() throws IOException {
        Path target = dir.resolve("report");
        OutputFolders.replace(target, "report folder", report("one"), NO_EARLIER_VERSION);
        Map<String, AtomicFiles.Content> streamed = new LinkedHashMap<>();
        streamed.put("report.md", out -> {
            for (int i = 0; i < 100_000; i++) { // larger than the write buffer: written in pieces
                out.write('a' + i % 26);
            }
        });
        streamed.put("lines.jsonl", out -> out.write("{}\n{}\n".getBytes(StandardCharsets.UTF_8)));
        OutputFolders.replaceWith(target, "report folder", streamed, NO_EARLIER_VERSION);
        assertThat(tree(target)).containsOnlyKeys(OutputFolders.MARKER, "report.md", "lines.jsonl")
                .containsEntry("lines.jsonl", "{}\n{}\n");
        assertThat(tree(target).get("report.md")).hasSize(100_000).startsWith("abcdefghijklmnopqrstuvwxyza");
        assertThat(tree(target).get(OutputFolders.MARKER)).endsWith("\nfiles:\nreport.md\nlines.jsonl\n");

        Map<String, String> before = tree(target);
        Map<String, AtomicFiles.Content> failing = new LinkedHashMap<>();
        failing.put("report.md", out -> out.write(new byte[70_000]));
        failing.put("lines.jsonl", out -> {
            out.write('{');
            throw new IOException("the writer of lines.jsonl failed");
        });
        assertThatThrownBy(() -> OutputFolders.replaceWith(target, "report folder", failing, NO_EARLIER_VERSION))
                .isInstanceOf(IOException.class).hasMessage("the writer of lines.jsonl failed");
        assertThat(tree(target)).isEqualTo(before);
        assertThat(names(dir)).containsExactly("report");
    }

    @Test
    void should_refuse_its_own_folder_once_the_user_added_files_naming_them_and_touch_nothing() throws IOException {
        Path target = dir.resolve("report");
        OutputFolders.replace(target, "report folder", report("one"), NO_EARLIER_VERSION);
        Files.writeString(target.resolve("notes.md"), "my notes on the report");
        Files.writeString(target.resolve("figures/deep/mine.png"), "my figure");
        Files.createDirectories(target.resolve("data/raw"));
        Files.createSymbolicLink(target.resolve("figures/a-link.png"), target.resolve("report.md"));
        Map<String, String> before = tree(dir);
        assertThatThrownBy(() -> OutputFolders.replace(target, "report folder", report("two"), folder -> true))
                .isInstanceOf(ForeignFolderException.class)
                .hasMessage(target + " is a report folder written by this library, but files were added to it since "
                        + "(data/, figures/a-link.png, figures/deep/mine.png, notes.md); nothing was written: move "
                        + "them out or choose another folder")
                .satisfies(e -> assertThat(((ForeignFolderException) e).added()).isTrue());
        assertThatThrownBy(() -> OutputFolders.check(target, "report folder", folder -> true))
                .isInstanceOf(ForeignFolderException.class);
        assertThat(tree(dir)).isEqualTo(before);
    }

    @Test
    void should_refuse_a_folder_of_another_kind_it_wrote_naming_both_kinds_and_touch_nothing() throws IOException {
        Path target = dir.resolve("data");
        OutputFolders.replace(target, "corrupted data folder", report("one"), NO_EARLIER_VERSION);
        Map<String, String> before = tree(dir);
        String message = "cannot write the robustness folder " + target + ": it holds a corrupted data folder "
                + "written by error-analysis; choose another folder or delete it; nothing was written";
        assertThatThrownBy(() -> OutputFolders.replace(target, "robustness folder", report("two"), folder -> true))
                .isExactlyInstanceOf(IOException.class).hasMessage(message);
        assertThatThrownBy(() -> OutputFolders.check(target, "robustness folder", folder -> true))
                .isExactlyInstanceOf(IOException.class).hasMessage(message);
        assertThat(tree(dir)).isEqualTo(before);
        assertThat(tree(target)).containsEntry("report.md", "# one\n").containsKey("figures/deep/b.png");

        OutputFolders.replace(target, "corrupted data folder", report("two"), NO_EARLIER_VERSION);
        assertThat(tree(target)).containsEntry("report.md", "# two\n");
        assertThat(names(dir)).containsExactly("data");
    }

    @Test
    void should_replace_a_folder_whose_marker_names_no_kind_as_before() throws IOException {
        for (String first : List.of("written by an earlier version of error-analysis", "written by error-analysis",
                "written by error-analysis: this", "something else entirely")) {
            Path target = dir.resolve("report");
            OutputFolders.replace(target, "report folder", report("one"), NO_EARLIER_VERSION);
            String marker = Files.readString(target.resolve(OutputFolders.MARKER));
            Files.writeString(target.resolve(OutputFolders.MARKER), first + marker.substring(marker.indexOf('\n')));
            OutputFolders.replace(target, "robustness folder", report("two"), NO_EARLIER_VERSION);
            assertThat(tree(target)).containsEntry("report.md", "# two\n");
            assertThat(tree(target).get(OutputFolders.MARKER))
                    .startsWith("written by error-analysis: this robustness folder is replaced ");
            OutputFolders.deleteTree(target);
        }
    }

    @Test
    void should_refuse_a_folder_whose_marker_the_user_replaced_unless_it_is_an_earlier_versions_output()
            throws IOException {
        Path target = dir.resolve("report");
        OutputFolders.replace(target, "report folder", report("one"), NO_EARLIER_VERSION);
        Files.writeString(target.resolve(OutputFolders.MARKER), "my own file of that name");
        Map<String, String> before = tree(dir);
        assertThatThrownBy(() -> OutputFolders.replace(target, "report folder", report("two"), NO_EARLIER_VERSION))
                .isInstanceOf(ForeignFolderException.class).hasMessageStartingWith(target + " is not a report "
                        + "folder written by this library (it holds " + OutputFolders.MARKER + ", figures/, ");
        assertThat(tree(dir)).isEqualTo(before);
        // a marker that lists nothing, as this library wrote before markers listed files, counts as none
        Path earlier = Files.createDirectory(dir.resolve("earlier"));
        Files.writeString(earlier.resolve(OutputFolders.MARKER), "written by error-analysis\n");
        Files.writeString(earlier.resolve("report.json"), "{\"schemaVersion\": 1}");
        OutputFolders.replace(earlier, "report folder", report("two"), EARLIER_REPORT);
        assertThat(earlier.resolve("report.md")).hasContent("# two");
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
    void should_refuse_an_earlier_versions_output_that_holds_a_file_of_the_user() throws IOException {
        Path thesis = Files.createDirectory(dir.resolve("thesis"));
        Files.writeString(thesis.resolve("report.json"), "{\"schemaVersion\": 1}");
        Files.writeString(thesis.resolve("chapter1.tex"), "three years of work");
        Map<String, String> before = tree(dir);
        assertThatThrownBy(() -> OutputFolders.replace(thesis, "report folder", report("x"), EARLIER_REPORT))
                .isInstanceOf(ForeignFolderException.class)
                .hasMessageContaining("(it holds chapter1.tex, report.json)");
        assertThat(tree(dir)).isEqualTo(before);
    }

    @Test
    void should_tell_whether_a_folder_holds_only_accepted_entries() throws IOException {
        Path f = Files.createDirectories(dir.resolve("r/figures"));
        Path r = f.getParent();
        Predicate<String> report = name -> name.equals("report.md") || name.equals("figures/")
                || name.matches("figures/[^/]+\\.png");
        assertThat(OutputFolders.holdsOnly(r, report)).as("only an empty figures/").isTrue();
        Files.writeString(r.resolve("report.md"), "x");
        Files.writeString(f.resolve("a.png"), "x");
        Files.writeString(r.resolve(OutputFolders.MARKER), "x");
        assertThat(OutputFolders.holdsOnly(r, report)).as("report files and the marker").isTrue();
        Files.createDirectory(f.resolve("sub"));
        assertThat(OutputFolders.holdsOnly(r, report)).as("a folder in figures/").isFalse();
        Files.delete(f.resolve("sub"));
        Files.createSymbolicLink(f.resolve("b.png"), r.resolve("report.md"));
        assertThat(OutputFolders.holdsOnly(r, report)).as("a link").isFalse();
        Files.delete(f.resolve("b.png"));
        Files.writeString(f.resolve(OutputFolders.MARKER), "x");
        assertThat(OutputFolders.holdsOnly(r, report)).as("a marker below the top").isFalse();
        assertThat(OutputFolders.holdsOnly(dir.resolve("absent"), report)).as("absent").isFalse();
        assertThat(OutputFolders.holdsOnly(r.resolve("report.md"), report)).as("a file").isFalse();
    }

    @Test
    void should_refuse_the_root_the_working_folder_and_a_folder_holding_it() {
        Path working = Path.of("").toAbsolutePath();
        for (Path p : List.of(working, Path.of(""), Path.of("."))) {
            assertThatThrownBy(() -> OutputFolders.replace(p, "report folder", report("x"), folder -> true))
                    .as(p.toString()).isInstanceOf(IOException.class)
                    .hasMessage("cannot write the report folder " + working + ": it is the working folder; nothing "
                            + "was written");
        }
        for (Path p : List.of(working.getParent(), Path.of(".."))) {
            assertThatThrownBy(() -> OutputFolders.replace(p, "report folder", report("x"), folder -> true))
                    .as(p.toString()).isInstanceOf(IOException.class)
                    .hasMessage("cannot write the report folder " + working.getParent() + ": it holds the working "
                            + "folder " + working + "; nothing was written");
        }
        Path root = working.getRoot();
        assertThatThrownBy(() -> OutputFolders.replace(root, "report folder", report("x"), folder -> true))
                .isInstanceOf(IOException.class)
                .hasMessage("cannot write the report folder " + root + ": it is the root folder; nothing was written");
    }

    @Test
    void should_refuse_a_callers_working_folder_and_a_folder_holding_it_resolving_against_it() throws IOException {
        Path work = Files.createDirectories(dir.resolve("a/work"));
        Files.writeString(work.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> OutputFolders.check(Path.of("."), "report folder", folder -> true, work))
                .hasMessage("cannot write the report folder " + work + ": it is the working folder; nothing was "
                        + "written");
        assertThatThrownBy(() -> OutputFolders.check(Path.of("../.."), "report folder", folder -> true, work))
                .hasMessage("cannot write the report folder " + dir + ": it holds the working folder " + work
                        + "; nothing was written");
        Path link = Files.createSymbolicLink(dir.resolve("to-work"), work);
        assertThatThrownBy(() -> OutputFolders.check(link, "report folder", folder -> true, work))
                .hasMessageContaining(": it is the working folder; nothing was written");
        assertThat(OutputFolders.check(Path.of("r"), "report folder", NO_EARLIER_VERSION, work))
                .isEqualTo(work.resolve("r"));
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
        // a deletion cut short: the marker (deleted last) and an emptied folder it lists are left
        OutputFolders.replace(dir.resolve("d"), "report folder", report("d"), NO_EARLIER_VERSION);
        OutputFolders.deleteTree(dir.resolve("d/figures/deep"));
        Files.delete(dir.resolve("d/figures/a.png"));
        Files.delete(dir.resolve("d/report.md"));
        Files.move(dir.resolve("d"), dir.resolve(".rep.del-aaaaaaaaaaaaaaaa"));
        Files.createDirectory(dir.resolve(".rep.new-1111111111111111"));
        Files.createDirectories(dir.resolve(".rep.old-2222222222222222"));
        Path lookalike = Files.createDirectory(dir.resolve(".rep.old-3333333333333333"));
        Files.writeString(lookalike.resolve("mine.txt"), "not a leftover: no marker");
        Path deleting = Files.createDirectory(dir.resolve(".rep.del-bbbbbbbbbbbbbbbb"));
        Files.writeString(deleting.resolve("mine.txt"), "not a leftover either: no marker");
        OutputFolders.replace(dir.resolve("x"), "report folder", report("x"), NO_EARLIER_VERSION);
        Files.writeString(dir.resolve("x/notes.md"), "added by the user: the marker does not list it");
        Files.move(dir.resolve("x"), dir.resolve(".rep.new-cccccccccccccccc"));
        Files.createDirectory(dir.resolve(".rep.old-short"));
        Map<String, String> kept = tree(dir.resolve(".rep.new-cccccccccccccccc"));

        OutputFolders.recover(target);

        assertThat(tree(target)).containsEntry("report.md", "# old\n");
        assertThat(names(dir)).containsExactly(".rep.del-bbbbbbbbbbbbbbbb", ".rep.new-cccccccccccccccc",
                ".rep.old-3333333333333333", ".rep.old-short", "rep");
        assertThat(deleting.resolve("mine.txt")).hasContent("not a leftover either: no marker");
        assertThat(tree(dir.resolve(".rep.new-cccccccccccccccc"))).isEqualTo(kept);
        OutputFolders.recover(target);
        assertThat(names(dir)).containsExactly(".rep.del-bbbbbbbbbbbbbbbb", ".rep.new-cccccccccccccccc",
                ".rep.old-3333333333333333", ".rep.old-short", "rep");
    }

    @Test
    void should_restore_the_old_version_after_a_kill_between_the_two_renames_on_the_next_write() throws IOException {
        // the state a kill between the two renames leaves, built exactly: no report, the old one aside, staging
        Path target = dir.resolve("rep");
        OutputFolders.replace(target, "report folder", report("old"), NO_EARLIER_VERSION);
        Map<String, String> old = tree(target);
        Files.move(target, dir.resolve(".rep.old-0123456789abcdef"));
        OutputFolders.replace(dir.resolve("staged"), "report folder", report("new"), NO_EARLIER_VERSION);
        Files.move(dir.resolve("staged"), dir.resolve(".rep.new-fedcba9876543210"));
        assertThatThrownBy(() -> OutputFolders.replace(target, "report folder", Map.of("../x", new byte[1]),
                NO_EARLIER_VERSION)).isInstanceOf(IllegalArgumentException.class);

        OutputFolders.recover(target);
        assertThat(tree(target)).isEqualTo(old);
        assertThat(names(dir)).containsExactly("rep");

        Files.move(target, dir.resolve(".rep.old-0123456789abcdef"));
        OutputFolders.replace(target, "report folder", report("next"), NO_EARLIER_VERSION);
        assertThat(tree(target)).containsEntry("report.md", "# next\n");
        assertThat(names(dir)).containsExactly("rep");
    }

    @Test
    void should_delete_the_marker_last_so_that_an_interrupted_deletion_stays_recognisable() throws IOException {
        Path target = dir.resolve("rep");
        Map<String, byte[]> files = new LinkedHashMap<>(report("one"));
        files.put("!first", new byte[1]);
        files.put("-dash", new byte[1]);
        OutputFolders.replace(target, "report folder", files, NO_EARLIER_VERSION);
        Path deleting = dir.resolve(".rep.del-0123456789abcdef");
        Files.move(target, deleting);
        // a kill mid-deletion cuts this order somewhere: whatever is left still holds the marker, or nothing
        List<Path> order = OutputFolders.deletionOrder(deleting);
        assertThat(order).hasSize(tree(deleting).size() + 1).endsWith(deleting.resolve(OutputFolders.MARKER),
                deleting);
        assertThat(order.indexOf(deleting.resolve("figures/deep"))).isLessThan(order.indexOf(
                deleting.resolve("figures")));
        OutputFolders.deleteTree(deleting);
        assertThat(names(dir)).isEmpty();
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
