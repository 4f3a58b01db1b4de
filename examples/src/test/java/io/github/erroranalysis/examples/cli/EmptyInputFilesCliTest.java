package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.examples.BundledSample;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Empty files where the CLI expects data, an image or a model's network: one line naming the file, exit 2, never an
 * exception class name or DL4J's own text; and an image folder of BMP files reads like one of PNG files.
 */
class EmptyInputFilesCliTest {

    @TempDir
    Path dir;

    /** Ten bundled images as training batches, and an empty test set: {@code test_batch.bin} is 0 bytes. */
    private static java.util.Map<String, CifarDataset> releaseWithEmptyTestBatch() throws IOException {
        CifarDataset sample = BundledSample.load();
        CifarDataset train = sample.subset(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        return CifarWriter.officialBatches(train, sample.subset(new int[0]));
    }

    @Test
    void analyze_with_a_zero_byte_test_batch_in_an_archive_or_a_folder_names_the_file() throws IOException {
        // GIVEN (the old CLI said "the test set is empty: the iterator returned no examples (IllegalArgumentException;
        // --verbose shows where)" without naming the file)
        Path archive = CifarWriter.writeArchive(releaseWithEmptyTestBatch(), dir.resolve("c.tar.gz"));
        Path folder = CifarWriter.writeFolder(releaseWithEmptyTestBatch(), dir.resolve("batches"));
        assertThat(Files.size(folder.resolve("test_batch.bin"))).isZero();

        for (String data : new String[] {"c.tar.gz", "batches"}) {
            // WHEN
            Cli.Result result = Cli.run(dir, "analyze", "--data", data, "--quiet", "--out", "report-" + data);

            // THEN
            String file = data.equals("batches") ? folder.resolve("test_batch.bin").toString()
                    : archive + "!cifar-10-batches-bin/test_batch.bin";
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.errLines()).hasSize(1);
            assertThat(result.err()).contains("--data " + data + ": ")
                    .contains(file + ": empty file (0 bytes), so there are no images to read")
                    .doesNotContain("Exception").doesNotContain("test set is empty");
        }
    }

    @Test
    void predict_of_a_zero_byte_png_says_it_is_an_empty_file() throws IOException {
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);

        Cli.Result result = Cli.run(dir, "predict", "empty.png");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains(empty + ": empty file (0 bytes), not an image")
                .doesNotContain("JPEG").doesNotContain("Exception");
    }

    @Test
    void a_model_whose_network_entry_is_empty_names_the_file_and_the_entry() throws IOException {
        // GIVEN the bundled baseline with its network.zip entry emptied (the old message was DL4J's "stream may have
        // been closed or is attempting to be read frommultiple times?")
        Path model = dir.resolve("broken.cifarmodel");
        try (InputStream in = CifarModel.class.getResourceAsStream("baseline.cifarmodel");
             ZipInputStream zip = new ZipInputStream(in);
             OutputStream out = Files.newOutputStream(model);
             ZipOutputStream copy = new ZipOutputStream(out)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                byte[] bytes = zip.readAllBytes();
                copy.putNextEntry(new ZipEntry(entry.getName()));
                copy.write(entry.getName().equals("network.zip") ? new byte[0] : bytes);
                copy.closeEntry();
            }
        }

        assertThat(ImageIO.write(BundledSample.load().image(0), "png", dir.resolve("x.png").toFile())).isTrue();

        // WHEN
        Cli.Result result = Cli.run(dir, "predict", "--model", "broken.cifarmodel", "x.png");

        // THEN
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err())
                .contains(model + ": the network entry network.zip is unreadable: it is empty (0 bytes)")
                .doesNotContain("stream may have been closed").doesNotContain("Exception");
    }

    @Test
    void analyze_reads_an_image_folder_of_bmp_files_as_one_of_png_files() throws IOException {
        // GIVEN the same three bundled images as PNG in one folder and as BMP in another (BMPs were skipped silently)
        CifarDataset sample = BundledSample.load();
        for (String format : new String[] {"png", "bmp"}) {
            for (int i : new int[] {0, 1, 2}) {
                Path classFolder = Files.createDirectories(dir.resolve(format).resolve(sample.className(i)));
                assertThat(ImageIO.write(sample.image(i), format, classFolder.resolve(i + "." + format).toFile()))
                        .isTrue();
            }
        }

        // WHEN
        Cli.Result png = Cli.run(dir, "analyze", "--data", "png", "--quiet", "--out", "report-png");
        Cli.Result bmp = Cli.run(dir, "analyze", "--data", "bmp", "--quiet", "--out", "report-bmp");

        // THEN
        assertThat(bmp.exitCode()).as(bmp.err()).isEqualTo(0);
        assertThat(png.exitCode()).as(png.err()).isEqualTo(0);
        assertThat(bmp.out()).contains("Analysed 3 images");
        assertThat(accuracyLine(bmp.out())).isEqualTo(accuracyLine(png.out()));
    }

    private static String accuracyLine(String out) {
        return out.lines().filter(line -> line.startsWith("accuracy ")).findFirst().orElse("no accuracy line");
    }
}
