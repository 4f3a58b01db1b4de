package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.io.OutputFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every output of the CLI replaces only what the tool wrote: {@code --out} of analyze, compare and train. */
class OutputsTest {

    @TempDir
    Path dir;

    private Path work;

    @BeforeEach
    void writeInputs() throws IOException {
        work = Files.createDirectory(dir.resolve("work"));
        Cli.writePredictions(work, "p.csv", "labels.csv", "classes.txt");
        Files.copy(work.resolve("p.csv"), work.resolve("b.csv"));
    }

    private Cli.Result analyze(String... out) {
        String[] args = new String[6 + out.length];
        String[] base = {"analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes", "classes.txt"};
        args = new String[base.length + out.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(out, 0, args, base.length, out.length);
        return Cli.run(work, args);
    }

    private Cli.Result compare(String... out) {
        String[] base = {"compare", "--predictions", "p.csv", "--predictions-b", "b.csv", "--labels", "labels.csv",
            "--classes", "classes.txt"};
        String[] args = new String[base.length + out.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(out, 0, args, base.length, out.length);
        return Cli.run(work, args);
    }

    /** Every file and folder under the test's folder (symbolic links not followed) with its content. */
    private Map<String, String> everything() throws IOException {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                tree.put(dir.relativize(p).toString() + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : ""),
                        Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                                ? Files.readString(p, StandardCharsets.ISO_8859_1)
                                : Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p) : "");
            }
        }
        return tree;
    }

    private Path thesisFolder(String name) throws IOException {
        Path v = Files.createDirectories(work.resolve(name + "/sub"));
        Files.writeString(v.getParent().resolve("thesis.txt"), "three years of work");
        return v.getParent();
    }

    @Test
    void analyze_should_refuse_a_folder_of_the_users_files_with_exit_2_and_touch_nothing() throws IOException {
        Path v = thesisFolder("v");
        Map<String, String> before = everything();
        Cli.Result result = analyze("--out", "v");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --out v: " + v + " is not a report "
                + "folder written by cifar-errors (it holds sub/, thesis.txt); choose another --out or remove it");
        assertThat(result.out()).isEmpty();
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void compare_should_refuse_a_folder_of_the_users_files_with_exit_2_and_touch_nothing() throws IOException {
        Path v = thesisFolder("v");
        Map<String, String> before = everything();
        Cli.Result result = compare("--out", "v");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors compare: --out v: " + v + " is not a comparison "
                + "folder written by cifar-errors (it holds sub/, thesis.txt); choose another --out or remove it");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void should_refuse_the_working_folder_an_empty_out_the_root_and_a_parent_with_exit_2() throws IOException {
        Files.writeString(work.resolve("notes.txt"), "mine");
        Map<String, String> before = everything();
        for (String command : new String[] {"analyze", "compare"}) {
            for (String[] out : new String[][] {{"--out", "."}, {"--out="}, {"--out", ""}, {"--out", ".."},
                {"--out", "/"}, {"--out", work.toString()}, {"--out", dir.toString()}, {"--out", "./x/../."}}) {
                Cli.Result result = command.equals("analyze") ? analyze(out) : compare(out);
                assertThat(result.exitCode()).as(command + " " + String.join(" ", out)).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(result.errLines()).as(command + " " + String.join(" ", out)).hasSize(1)
                        .first().asString().startsWith("cifar-errors " + command + ": --out");
            }
        }
        assertThat(analyze("--out", ".").errLines()).containsExactly("cifar-errors analyze: --out .: cannot write the "
                + "report folder " + work + ": it is the working folder; nothing was written");
        assertThat(compare("--out", work.toString()).errLines()).containsExactly("cifar-errors compare: --out "
                + work + ": cannot write the comparison folder " + work + ": it is the working folder; nothing was "
                + "written");
        assertThat(analyze("--out=").errLines()).containsExactly("cifar-errors analyze: --out is empty: give a "
                + "folder of its own, for example --out error-report");
        assertThat(analyze("--out", "..").errLines()).containsExactly("cifar-errors analyze: --out ..: cannot write "
                + "the report folder " + dir + ": it holds the working folder " + work + "; nothing was written");
        assertThat(analyze("--out", "/").errLines()).containsExactly("cifar-errors analyze: --out /: cannot write "
                + "the report folder /: it is the root folder; nothing was written");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void should_refuse_a_symbolic_link_to_a_users_folder_and_write_through_one_to_a_report() throws IOException {
        Path users = thesisFolder("users");
        Files.createSymbolicLink(work.resolve("link"), users);
        Map<String, String> before = everything();
        Cli.Result refused = analyze("--out", "link");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.errLines()).containsExactly("cifar-errors analyze: --out link: " + users.toRealPath()
                + " is not a report folder written by cifar-errors (it holds sub/, thesis.txt); choose another "
                + "--out or remove it");
        assertThat(everything()).isEqualTo(before);

        Path reports = dir.resolve("reports");
        assertThat(analyze("--out", reports.toString()).exitCode()).isEqualTo(ExitCodes.PASSED);
        Path toReports = Files.createSymbolicLink(work.resolve("to-reports"), reports);
        Cli.Result result = analyze("--out", "to-reports");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(Files.isSymbolicLink(toReports)).isTrue();
        assertThat(reports.resolve("report.html")).isNotEmptyFile();
    }

    @Test
    void should_replace_its_own_report_an_earlier_versions_report_and_an_empty_folder() throws IOException {
        assertThat(analyze("--out", "r").exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(work.resolve("r/" + OutputFolders.MARKER)).isRegularFile();
        Files.delete(work.resolve("r/report.md"));
        assertThat(analyze("--out", "r").exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(work.resolve("r/report.md")).isNotEmptyFile();

        // a report of today's version before the marker: report.json with "schemaVersion": 1 and no marker
        Path earlier = Files.createDirectories(work.resolve("earlier/figures"));
        earlier = earlier.getParent();
        Files.writeString(earlier.resolve("report.json"), "{\n  \"schemaVersion\" : 1,\n  \"title\" : \"old\"\n}\n");
        Files.writeString(earlier.resolve("report.md"), "# old");
        Files.writeString(earlier.resolve("figures/confusion.png"), "png");
        Cli.Result result = analyze("--out", "earlier");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(earlier.resolve("report.md")).content().doesNotContain("# old");
        assertThat(earlier.resolve(OutputFolders.MARKER)).isRegularFile();

        Files.createDirectory(work.resolve("empty"));
        assertThat(compare("--out", "empty").exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(work.resolve("empty/comparison.json")).isNotEmptyFile();
        assertThat(compare("--out", "empty").exitCode()).isEqualTo(ExitCodes.PASSED);

        // a comparison folder of the version before the marker: just the three files
        Path cmp = Files.createDirectory(work.resolve("cmp"));
        Files.writeString(cmp.resolve("comparison.json"), "{\"modelA\": \"a\", \"mcnemar\": {}}");
        Files.writeString(cmp.resolve("comparison.md"), "# Comparison");
        assertThat(compare("--out", "cmp").exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(cmp.resolve(OutputFolders.MARKER)).isRegularFile();
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void should_refuse_a_users_folder_holding_a_copied_report_json_with_exit_2_and_touch_nothing() throws IOException {
        assertThat(analyze("--out", "r").exitCode()).isEqualTo(ExitCodes.PASSED);
        Path thesis = thesisFolder("thesis");
        Files.copy(work.resolve("r/report.json"), thesis.resolve("report.json"));
        Map<String, String> before = everything();
        Cli.Result result = analyze("--out", "thesis");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --out thesis: " + thesis + " is not a "
                + "report folder written by cifar-errors (it holds report.json, sub/, thesis.txt); choose another "
                + "--out or remove it");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void should_refuse_a_report_or_comparison_folder_to_which_the_user_added_a_file_with_exit_2_and_touch_nothing()
            throws IOException {
        assertThat(analyze("--out", "r").exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(compare("--out", "c").exitCode()).isEqualTo(ExitCodes.PASSED);
        Files.writeString(work.resolve("r/notes.md"), "what I make of it");
        Files.writeString(work.resolve("r/figures/mine.png"), "my own figure");
        Files.writeString(work.resolve("c/notes.md"), "what I make of it");
        Map<String, String> before = everything();
        Cli.Result result = analyze("--out", "r");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: --out r: " + work.resolve("r") + " is a "
                + "report folder written by cifar-errors, but files were added to it since (figures/mine.png, "
                + "notes.md); move them out or choose another --out");
        result = compare("--out", "c");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors compare: --out c: " + work.resolve("c") + " is a "
                + "comparison folder written by cifar-errors, but files were added to it since (notes.md); move "
                + "them out or choose another --out");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void should_refuse_a_report_json_that_is_not_a_version_1_report() throws IOException {
        Path other = Files.createDirectory(work.resolve("other"));
        Files.writeString(other.resolve("report.json"), "{\"schemaVersion\": 7}");
        Cli.Result result = analyze("--out", "other");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("(it holds report.json)");
        assertThat(other.resolve("report.json")).hasContent("{\"schemaVersion\": 7}");
    }

    @Test
    void should_clean_up_what_a_killed_run_left_and_restore_a_report_moved_aside() throws IOException {
        assertThat(analyze("--out", "r").exitCode()).isEqualTo(ExitCodes.PASSED);
        String first = Files.readString(work.resolve("r/report.json"));
        // what a kill between the two renames leaves: the report moved aside, a staged one, no r
        Files.move(work.resolve("r"), work.resolve(".r.old-0123456789abcdef"));
        Files.createDirectories(work.resolve(".r.new-fedcba9876543210/figures"));
        Files.writeString(work.resolve(".r.new-fedcba9876543210/" + OutputFolders.MARKER), "x");
        Files.createDirectories(work.resolve(".r.del-00000000000000aa"));
        // the refusal of another folder does not touch them
        thesisFolder("v");
        assertThat(analyze("--out", "v").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(work.resolve(".r.old-0123456789abcdef/report.json")).hasContent(first);

        assertThat(analyze("--out", "r").exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(work.resolve("r/report.html")).isNotEmptyFile();
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".r."));
        }
    }

    @Test
    void train_should_refuse_a_model_file_or_history_that_this_tool_did_not_write() throws IOException {
        Path archive = Files.writeString(work.resolve("train.tar.gz"), "not read: refused before training");
        Path model = Files.writeString(work.resolve("essay.docx"), "my essay");
        Cli.Result result = Cli.run(work, "train", "--data", "train.tar.gz", "--out", "essay.docx");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).hasSize(1).first().asString().startsWith("cifar-errors train: --out "
                + "essay.docx: " + model + " is not a model file written by cifar-errors (").endsWith("); choose "
                + "another --out or remove it");
        assertThat(model).hasContent("my essay");

        Path history = Files.writeString(work.resolve("m.cifarmodel.history.csv"), "my,own,table\n1,2,3\n");
        result = Cli.run(work, "train", "--data", "train.tar.gz", "--out", "m.cifarmodel");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).hasSize(1).first().asString().startsWith("cifar-errors train: --out "
                + "m.cifarmodel: " + history + " is not a training history written by cifar-errors (");
        assertThat(history).hasContent("my,own,table\n1,2,3");
        assertThat(archive).hasContent("not read: refused before training");
        assertThat(work.resolve("m.cifarmodel")).doesNotExist();

        Files.createDirectory(work.resolve("folder.cifarmodel"));
        assertThat(Cli.run(work, "train", "--data", "train.tar.gz", "--out", "folder.cifarmodel").errLines())
                .containsExactly("cifar-errors train: --out folder.cifarmodel: " + work.resolve("folder.cifarmodel")
                        + " is a folder; give a model file name");
    }
}
