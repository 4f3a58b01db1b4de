package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.examples.BundledSample;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --data} and {@code --split} read, on real images of the bundled sample. */
class InputsTest {

    @TempDir
    Path dir;

    private Console console() {
        PrintStream none = new PrintStream(PrintStream.nullOutputStream());
        return new Console(dir, none, none, false);
    }

    @Test
    void should_read_the_bundled_sample_without_data() throws IOException {
        TestData data = Inputs.data(console(), null, null);
        assertThat(data.images().size()).isEqualTo(1000);
        assertThat(data.source()).isEqualTo(BundledSample.NAME);
    }

    @Test
    void should_read_the_test_batch_of_a_release_folder_by_default_keeping_origins() throws IOException {
        // GIVEN 30 real images written as a release whose test batch keeps their origins
        CifarDataset images = BundledSample.load().subset(IntStream.range(0, 30).toArray());
        CifarWriter.writeFolder(images, dir.resolve("release"), "test_batch.bin");
        // WHEN
        TestData data = Inputs.data(console(), "release", null);
        // THEN
        assertThat(data.images().size()).isEqualTo(30);
        assertThat(data.images().origins()).isEqualTo(images.origins());
        assertThat(data.source()).endsWith("release, split test");
    }

    @Test
    void should_name_what_is_missing_when_a_split_is_not_in_the_release() throws IOException {
        // GIVEN a release with only a test batch
        CifarWriter.writeFolder(BundledSample.load().subset(new int[] {0, 1}), dir.resolve("release"),
                "test_batch.bin");
        // THEN
        assertThatThrownBy(() -> Inputs.data(console(), "release", Split.VALIDATION))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--data release: ")
                .hasMessageContaining("missing data_batch_1.bin");
    }

    @Test
    void should_explain_that_the_shared_archive_has_no_test_batch() throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10",
                "cifar-10-binary-train.tar.gz").toAbsolutePath();
        assumeTrue(Files.isRegularFile(archive), "the shared CIFAR-10 archive is not at " + archive);
        assertThatThrownBy(() -> Inputs.data(console(), archive.toString(), Split.TEST))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("missing test_batch.bin")
                .hasMessageContaining("leave out the test batch on purpose")
                .hasMessageNotContaining("\n");
    }

    @Test
    void should_read_an_image_folder_with_one_subfolder_per_class() throws IOException {
        // GIVEN two real images of two classes as PNG files
        CifarDataset sample = BundledSample.load();
        for (int i : new int[] {0, 1}) {
            Path folder = Files.createDirectories(dir.resolve("photos").resolve(sample.className(i)));
            ImageIO.write(sample.image(i), "png", folder.resolve(i + ".png").toFile());
        }
        // WHEN
        TestData data = Inputs.data(console(), "photos", null);
        // THEN
        assertThat(data.images().size()).isEqualTo(2);
        assertThat(data.source()).endsWith("(image folder)");
        assertThatThrownBy(() -> Inputs.data(console(), "photos", Split.TRAIN)).isInstanceOf(BadInputException.class)
                .hasMessage("--split train applies to a CIFAR-10 binary release, but --data photos is an image "
                        + "folder");
    }

    @Test
    void should_read_an_image_folder_with_the_model_classes_in_their_order() throws IOException {
        // GIVEN photos of just one class, "frog"
        CifarDataset sample = BundledSample.load();
        int frog = sample.classNames().indexOf("frog");
        int first = IntStream.range(0, sample.size()).filter(i -> sample.label(i) == frog).findFirst().orElseThrow();
        Path folder = Files.createDirectories(dir.resolve("photos/frog"));
        ImageIO.write(sample.image(first), "png", folder.resolve("pond.png").toFile());
        // WHEN
        TestData data = Inputs.data(console(), "photos", null, sample.classNames());
        // THEN
        assertThat(data.images().classNames()).isEqualTo(sample.classNames());
        assertThat(data.images().label(0)).isEqualTo(frog);
    }

    @Test
    void should_refuse_a_file_that_is_neither_archive_nor_folder() throws IOException {
        Files.writeString(dir.resolve("data.zip"), "zip");
        assertThatThrownBy(() -> Inputs.data(console(), "data.zip", null)).isInstanceOf(BadInputException.class)
                .hasMessage("--data data.zip: not a CIFAR-10 binary folder, a .tar.gz archive or an image folder "
                        + "with one subfolder per class");
    }
}
