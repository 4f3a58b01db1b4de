package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.NumberArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --save-predictions FILE.npy}: the probabilities as float32 with the labels, origins and classes beside, so
 * that {@code analyze --predictions FILE.npy --labels FILE.labels.npy --classes FILE.classes.txt} reproduces the
 * analysis; an input file is never overwritten, and a name that does not end in .npy is refused.
 */
class SavePredictionsCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void saved_predictions_reproduce_the_analysis() throws IOException {
        // GIVEN the main job's analysis with its predictions saved
        Cli.Result model = Cli.run(dir, "analyze", "--out", "a", "--saliency", "none", "--save-predictions",
                "out/p.npy", "--quiet");
        assertThat(model.exitCode()).as(model.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(model.out()).contains("predictions (1,000 x 10 probabilities, float32) written to "
                + dir.resolve("out/p.npy") + " with p.labels.npy, p.origins.txt and p.classes.txt");

        // WHEN the saved files are analysed as precomputed predictions
        Cli.Result again = Cli.run(dir, "analyze", "--predictions", "out/p.npy", "--labels", "out/p.labels.npy",
                "--classes", "out/p.classes.txt", "--out", "b", "--quiet");

        // THEN the same accuracy line and the same metrics
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(line(again.out(), "accuracy ")).isEqualTo(line(model.out(), "accuracy "));
        JsonNode a = JSON.readTree(dir.resolve("a/report.json").toFile());
        JsonNode b = JSON.readTree(dir.resolve("b/report.json").toFile());
        for (String metric : List.of("/accuracy", "/correct", "/calibration/ece", "/calibration/logLoss",
                "/calibration/brierScore", "/macro/f1", "/hardestClass")) {
            assertThat(b.at(metric)).as(metric).isEqualTo(a.at(metric));
        }
        NumberArray p = NpyFile.readNumbers(dir.resolve("out/p.npy"));
        assertThat(NpyFile.readHeader(dir.resolve("out/p.npy")).descr()).isEqualTo("<f4");
        assertThat(p.shape()).containsExactly(1000, 10);
        assertThat(NpyFile.readHeader(dir.resolve("out/p.labels.npy")).shape()).containsExactly(1000L);
        List<String> origins = Files.readAllLines(dir.resolve("out/p.origins.txt"));
        assertThat(origins).hasSize(1000).first().asString().matches("data_batch_[1-5]\\.bin#[0-9]+");
        assertThat(Files.readAllLines(dir.resolve("out/p.classes.txt"))).hasSize(10).startsWith("airplane");

        // AND with --origins the round trip keeps the origins too
        assertThat(b.at("/shownExamples/0/origin").isNull()).as("without --origins").isTrue();
        Cli.Result withOrigins = Cli.run(dir, "analyze", "--predictions", "out/p.npy", "--labels",
                "out/p.labels.npy", "--classes", "out/p.classes.txt", "--origins", "out/p.origins.txt", "--out", "c",
                "--quiet");
        assertThat(withOrigins.exitCode()).as(withOrigins.err()).isEqualTo(ExitCodes.PASSED);
        JsonNode c = JSON.readTree(dir.resolve("c/report.json").toFile());
        assertThat(c.at("/shownExamples")).isEqualTo(a.at("/shownExamples"));
        assertThat(c.at("/shownExamples/0/origin").asText()).matches("data_batch_[1-5]\\.bin#[0-9]+");
        Files.write(dir.resolve("short.txt"), origins.subList(0, 999));
        refused(new String[] {"analyze", "--predictions", "out/p.npy", "--labels", "out/p.labels.npy", "--classes",
            "out/p.classes.txt", "--origins", "short.txt", "--out", "d", "--quiet"}, "--origins short.txt: "
                + dir.resolve("short.txt") + " has 999 lines but --predictions has 1000 rows; give one origin a "
                + "line, an empty line where none is known");
    }

    @Test
    void after_a_temperature_the_scaled_probabilities_are_saved() throws IOException {
        Cli.Result result = Cli.run(dir, "analyze", "--saliency", "none", "--temperature", "2",
                "--save-predictions", "t.npy", "--quiet");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        Cli.Result plain = Cli.run(dir, "analyze", "--saliency", "none", "--out", "plain", "--save-predictions",
                "u.npy", "--quiet");
        assertThat(plain.exitCode()).isEqualTo(ExitCodes.PASSED);
        NumberArray scaled = NpyFile.readNumbers(dir.resolve("t.npy"));
        NumberArray unscaled = NpyFile.readNumbers(dir.resolve("u.npy"));
        double maxScaled = 0;
        double maxUnscaled = 0;
        for (int i = 0; i < scaled.length(); i++) {
            maxScaled = Math.max(maxScaled, scaled.get(i));
            maxUnscaled = Math.max(maxUnscaled, unscaled.get(i));
        }
        assertThat(maxScaled).as("T = 2 softens every probability").isLessThan(maxUnscaled);
    }

    @Test
    void an_input_a_folder_a_name_without_npy_or_a_path_in_the_report_is_refused_before_anything_runs()
            throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        String[] base = {"analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes", "classes.txt"};
        refused(run(base, "--save-predictions", "p.csv"), "--save-predictions p.csv: the file name must end in "
                + ".npy (the labels, origins and classes are written beside it), for example --save-predictions "
                + "predictions.npy");
        Files.writeString(dir.resolve("q.labels.npy"), "x");
        refused(run(base, "--labels", "q.labels.npy", "--save-predictions", "q.npy"), "--save-predictions q.npy: "
                + dir.resolve("q.labels.npy") + " is --labels q.labels.npy, an input, which writing it would "
                + "replace; give another file");
        Files.createDirectories(dir.resolve("f.npy"));
        refused(run(base, "--save-predictions", "f.npy"), "--save-predictions f.npy: " + dir.resolve("f.npy")
                + " is a folder; give a file name, for example --save-predictions predictions.npy");
        refused(run(base, "--save-predictions", "error-report/p.npy"), "--save-predictions error-report/p.npy: "
                + dir.resolve("error-report/p.npy") + " is inside the --out folder " + dir.resolve("error-report")
                + ", which each report replaces; write it outside, for example beside it");
        Cli.Result compare = Cli.run(dir, "compare", "--predictions", "p.csv", "--predictions-b", "p.csv",
                "--labels", "labels.csv", "--classes", "classes.txt", "--save-predictions", "a.npy",
                "--save-predictions-b", "a.npy");
        assertThat(compare.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(compare.errLines()).singleElement().asString().isEqualTo("cifar-errors compare: "
                + "--save-predictions-b a.npy: " + dir.resolve("a.npy") + " is also written by --save-predictions; "
                + "give another file");
        assertThat(dir.resolve("error-report")).doesNotExist();
    }

    @Test
    void the_reference_files_an_imported_models_sidecar_names_are_inputs_too() throws IOException {
        // GIVEN the ONNX CNN copied with its sidecar and the reference files that sidecar names
        Path fixture = ImportFixtures.file("onnx/cnn.onnx");
        ImportFixtures.copy(fixture, dir);
        for (String f : List.of("cnn-reference-inputs.npy", "cnn-reference-outputs.npy")) {
            Files.copy(ImportFixtures.file("onnx/" + f), dir.resolve(f));
        }
        byte[] before = Files.readAllBytes(dir.resolve("cnn-reference-outputs.npy"));

        // WHEN the predictions would be saved over the sidecar's reference outputs
        Cli.Result result = Cli.run(dir, "analyze", "--model", "cnn.onnx", "--save-predictions",
                "cnn-reference-outputs.npy", "--saliency", "none", "--quiet");

        // THEN it is refused before anything runs, and the reference file is untouched
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).singleElement().asString().startsWith("cifar-errors analyze: "
                + "--save-predictions cnn-reference-outputs.npy: " + dir.resolve("cnn-reference-outputs.npy")
                + " is the reference outputs of cnn.onnx.json ");
        assertThat(Files.readAllBytes(dir.resolve("cnn-reference-outputs.npy"))).isEqualTo(before);
        assertThat(dir.resolve("error-report")).doesNotExist();
    }

    @Test
    void compare_saves_both_models_predictions_and_an_existing_file_is_replaced() throws IOException {
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        Files.writeString(dir.resolve("a.npy"), "an old file");
        Cli.Result result = Cli.run(dir, "compare", "--predictions", "p.csv", "--predictions-b", "p.csv",
                "--labels", "labels.csv", "--classes", "classes.txt", "--save-predictions", "a.npy",
                "--save-predictions-b", "b.npy");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.PASSED);
        NumberArray a = NpyFile.readNumbers(dir.resolve("a.npy"));
        NumberArray b = NpyFile.readNumbers(dir.resolve("b.npy"));
        assertThat(a.shape()).containsExactly(20, 3);
        assertThat(a.get(0)).isEqualTo((float) 0.2);
        assertThat(b.get(4)).isEqualTo(a.get(4));
        assertThat(Files.readAllLines(dir.resolve("b.classes.txt"))).containsExactly("cat", "dog", "frog");
        assertThat(Files.readAllLines(dir.resolve("b.origins.txt"))).hasSize(20);
    }

    @Test
    void a_side_file_without_its_npy_is_a_users_file_and_refused_while_a_rerun_replaces_all_four()
            throws IOException {
        // GIVEN precomputed predictions and the user's own q.classes.txt, with no q.npy beside it
        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        String[] base = {"analyze", "--predictions", "p.csv", "--labels", "labels.csv", "--classes", "classes.txt"};
        Files.writeString(dir.resolve("q.classes.txt"), "my own notes");

        // WHEN predictions would be saved as q.npy (by analyze, or as compare's model B)
        Cli.Result analyze = Cli.run(dir, run(base, "--save-predictions", "q.npy"));
        Cli.Result compare = Cli.run(dir, "compare", "--predictions", "p.csv", "--predictions-b", "p.csv",
                "--labels", "labels.csv", "--classes", "classes.txt", "--save-predictions", "a.npy",
                "--save-predictions-b", "q.npy");

        // THEN both are refused in one line naming it before anything runs, and the user's file is untouched
        assertThat(analyze.exitCode()).as(analyze.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(analyze.errLines()).containsExactly("cifar-errors analyze: --save-predictions q.npy: "
                + "q.classes.txt exists but q.npy does not, so it was not written by an earlier --save-predictions; "
                + "move it or choose another name");
        assertThat(compare.exitCode()).as(compare.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(compare.errLines()).containsExactly("cifar-errors compare: --save-predictions-b q.npy: "
                + "q.classes.txt exists but q.npy does not, so it was not written by an earlier "
                + "--save-predictions-b; move it or choose another name");
        assertThat(Files.readString(dir.resolve("q.classes.txt"))).isEqualTo("my own notes");
        assertThat(dir.resolve("error-report")).doesNotExist();
        assertThat(dir.resolve("comparison")).doesNotExist();
        assertThat(dir.resolve("a.npy")).doesNotExist();

        // AND a rerun of an earlier save (r.npy beside its side files) replaces all four
        Cli.Result first = Cli.run(dir, run(base, "--save-predictions", "r.npy", "--out", "one"));
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.PASSED);
        Files.writeString(dir.resolve("r.classes.txt"), "stale\n");
        Cli.Result again = Cli.run(dir, run(base, "--save-predictions", "r.npy", "--out", "two"));
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(Files.readAllLines(dir.resolve("r.classes.txt"))).containsExactly("cat", "dog", "frog");
        assertThat(NpyFile.readNumbers(dir.resolve("r.npy")).shape()).containsExactly(20, 3);
    }

    private String[] run(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        for (int i = 0; i + 1 < all.length; i++) {
            if (all[i].equals("--labels") && i + 1 < all.length && !all[i + 1].equals("labels.csv")) {
                // a later --labels replaces the first: keep only the last one
                return dropFirstLabels(all);
            }
        }
        return all;
    }

    private static String[] dropFirstLabels(String[] all) {
        List<String> list = new java.util.ArrayList<>(List.of(all));
        int first = list.indexOf("--labels");
        list.remove(first);
        list.remove(first);
        return list.toArray(String[]::new);
    }

    private void refused(String[] args, String message) {
        Cli.Result result = Cli.run(dir, args);
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.errLines()).containsExactly("cifar-errors analyze: " + message);
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("(none)");
    }
}
