package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The errors of analyze's evidence options: one line each, exit 2, before any model is run. */
class EvidenceOptionsCliTest {

    @TempDir
    Path folder;

    private void refused(String message, String... args) {
        Cli.Result r = Cli.run(folder, args);
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void should_refuse_a_negative_or_huge_number_of_neighbours() {
        refused("--neighbours -1: give a number of nearest training examples from 0 (none) to 100",
                "analyze", "--neighbours", "-1", "--train-data", "somewhere");
        refused("--neighbours 101: give a number of nearest training examples from 0 (none) to 100",
                "analyze", "--neighbours", "101", "--train-data", "somewhere");
        refused("--neighbours", "analyze", "--neighbours", "three");
    }

    @Test
    void should_refuse_neighbours_without_training_data() {
        refused("--neighbours 5 applies only with --train-data PATH", "analyze", "--neighbours", "5");
    }

    @Test
    void should_refuse_an_unknown_saliency_scope() {
        refused("--saliency some: give shown (the mistakes the report shows, the default), all or none",
                "analyze", "--saliency", "some");
        refused("--saliency SHOWN: give shown", "analyze", "--saliency", "SHOWN");
    }

    @Test
    void should_refuse_training_data_that_is_not_there_or_not_data() throws IOException {
        refused("--train-data missing.tar.gz: no such file or folder " + folder.resolve("missing.tar.gz"),
                "analyze", "--train-data", "missing.tar.gz");
        refused("--train-data is empty: give a CIFAR-10 release", "analyze", "--train-data", "");
        Files.writeString(folder.resolve("notes.txt"), "not images");
        refused("--train-data notes.txt: not a CIFAR-10 binary folder, a .tar.gz archive or an image folder",
                "analyze", "--train-data", "notes.txt");
        Files.writeString(folder.resolve("broken.tar.gz"), "not gzip");
        refused("--train-data broken.tar.gz: ", "analyze", "--train-data", "broken.tar.gz");
    }

    @Test
    void should_refuse_a_train_split_without_a_release_or_not_all_or_train() throws IOException {
        refused("--train-split train applies only with --train-data PATH", "analyze", "--train-split", "train");
        refused("--train-split all applies only with --train-data PATH", "analyze", "--train-split", "all");
        refused("--train-split some: give all (every training record of the release, the default) or train",
                "analyze", "--train-split", "some", "--train-data", "somewhere");
        Files.createDirectories(folder.resolve("images/cat"));
        refused("--train-split train applies to a CIFAR-10 binary release (its standard 45,000/5,000 split), but "
                + "--train-data images is an image folder", "analyze", "--train-data", "images", "--train-split",
                "train");
    }

    @Test
    void should_refuse_training_data_of_the_wrong_kind_before_the_model_is_loaded() throws IOException {
        // the model file is missing too: the --train-data error comes first, so nothing was loaded before it
        String[] model = {"analyze", "--model", "missing-model.zip"};
        Files.writeString(folder.resolve("broken.tar.gz"), "not gzip");
        refused("--train-data broken.tar.gz: not in gzip format (it does not start with the gzip bytes 1f 8b)",
                concat(model, "--train-data", "broken.tar.gz"));
        Files.write(folder.resolve("empty.tgz"), new byte[0]);
        refused("--train-data empty.tgz: empty file (0 bytes)", concat(model, "--train-data", "empty.tgz"));
        Files.writeString(folder.resolve("p.npy"), "not a release");
        refused("--train-data p.npy: not a CIFAR-10 binary folder, a .tar.gz archive or an image folder",
                concat(model, "--train-data", "p.npy"));
    }

    @Test
    void should_refuse_the_evidence_options_with_precomputed_predictions() throws IOException {
        Cli.writePredictions(folder, "p.csv", "y.csv", "classes.txt");
        String[] base = {"analyze", "--predictions", "p.csv", "--labels", "y.csv", "--classes", "classes.txt"};
        refused("--train-data data and --predictions p.csv: saliency maps and nearest training examples need a "
                + "model to run (--model), not precomputed predictions", concat(base, "--train-data", "data"));
        refused("--saliency all and --predictions p.csv: saliency maps", concat(base, "--saliency", "all"));
        refused("--neighbours 0 and --predictions p.csv: saliency maps", concat(base, "--neighbours", "0"));
        refused("--train-split train and --predictions p.csv: saliency maps", concat(base, "--train-split",
                "train"));
        // without them the predictions run as before
        assertThat(Cli.run(folder, base).exitCode()).isEqualTo(ExitCodes.PASSED);
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
