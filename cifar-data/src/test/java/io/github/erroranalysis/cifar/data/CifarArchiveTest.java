package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads tiny releases built in the test, as folders and as {@code .tar.gz} archives, good and bad. */
class CifarArchiveTest {

    @TempDir
    Path dir;

    /** Five training batches of 2, 3, 1, 2, 2 images and a test batch of 4; ten classes. */
    private Map<String, CifarDataset> officialBatches() {
        Map<String, CifarDataset> batches = new LinkedHashMap<>();
        int[] sizes = {2, 3, 1, 2, 2};
        for (int b = 0; b < 5; b++) {
            String name = "data_batch_" + (b + 1) + ".bin";
            batches.put(name, Tiny.cifar(sizes[b], name, b));
        }
        batches.put("test_batch.bin", Tiny.cifar(4, "test_batch.bin", 99));
        return batches;
    }

    @Test
    void folder_and_tar_gz_of_the_same_release_read_identically() throws IOException {
        Map<String, byte[]> files = Tiny.release(Cifar10.CLASS_NAMES, officialBatches());
        CifarArchive folder = Cifar10.open(Tiny.folder(dir.resolve("cifar-10-batches-bin"), files));
        CifarArchive archive = Cifar10.open(Tiny.tarGz(dir.resolve("release.tar.gz"), files));

        CifarDataset fromFolder = folder.train();
        CifarDataset fromArchive = archive.train();

        assertThat(fromFolder.size()).isEqualTo(10);
        assertThat(fromArchive.fingerprint()).isEqualTo(fromFolder.fingerprint());
        assertThat(fromArchive.origins()).isEqualTo(fromFolder.origins());
        assertThat(fromArchive.classNames()).isEqualTo(Cifar10.CLASS_NAMES);
        assertThat(archive.classNames()).isEqualTo(folder.classNames()).isEqualTo(Cifar10.CLASS_NAMES);
        assertThat(archive.test().fingerprint()).isEqualTo(folder.test().fingerprint());
    }

    @Test
    void train_concatenates_the_five_batches_in_order_with_batch_and_record_as_origin() throws IOException {
        Map<String, CifarDataset> batches = officialBatches();
        CifarDataset train = Cifar10.open(Tiny.tarGz(dir.resolve("r.tgz"), Tiny.release(Cifar10.CLASS_NAMES,
                batches))).train();

        assertThat(train.origins()).containsExactly(
                new Origin("data_batch_1.bin", 0), new Origin("data_batch_1.bin", 1),
                new Origin("data_batch_2.bin", 0), new Origin("data_batch_2.bin", 1),
                new Origin("data_batch_2.bin", 2), new Origin("data_batch_3.bin", 0),
                new Origin("data_batch_4.bin", 0), new Origin("data_batch_4.bin", 1),
                new Origin("data_batch_5.bin", 0), new Origin("data_batch_5.bin", 1));
        assertThat(train.pixels(3)).isEqualTo(batches.get("data_batch_2.bin").pixels(1));
        assertThat(train.label(3)).isEqualTo(batches.get("data_batch_2.bin").label(1));
    }

    @Test
    void test_reads_test_batch_where_the_release_has_it() throws IOException {
        Map<String, CifarDataset> batches = officialBatches();
        CifarDataset test = Cifar10.open(Tiny.folder(dir.resolve("b"), Tiny.release(Cifar10.CLASS_NAMES, batches)))
                .test();

        assertThat(test.size()).isEqualTo(4);
        assertThat(test.origin(3)).isEqualTo(new Origin("test_batch.bin", 3));
        assertThat(test.fingerprint()).isEqualTo(batches.get("test_batch.bin").fingerprint());
    }

    @Test
    void batch_reads_one_batch_file_alone() throws IOException {
        Map<String, CifarDataset> batches = officialBatches();
        Path archive = Tiny.tarGz(dir.resolve("r.tar.gz"), Tiny.release(Cifar10.CLASS_NAMES, batches));

        CifarDataset third = Cifar10.open(archive).batch("data_batch_2.bin");

        assertThat(third.size()).isEqualTo(3);
        assertThat(third.fingerprint()).isEqualTo(batches.get("data_batch_2.bin").fingerprint());
        assertThat(third.origin(2)).isEqualTo(new Origin("data_batch_2.bin", 2));
    }

    @Test
    void all_reads_every_batch_file_in_archive_order_in_folder_and_tar_gz() throws IOException {
        // GIVEN a pile as corrupt writes one (data_batch_1, 2 and 10, no test batch), plus a test batch and a stray
        Map<String, CifarDataset> batches = new LinkedHashMap<>();
        for (String name : List.of("test_batch.bin", "other.bin", "data_batch_10.bin", "data_batch_2.bin",
                "data_batch_1.bin")) {
            batches.put(name, Tiny.cifar(2, name, name.length()));
        }
        Map<String, byte[]> files = Tiny.release(Cifar10.CLASS_NAMES, batches);
        Path folder = Tiny.folder(dir.resolve("f"), files);
        Path archive = Tiny.tarGz(dir.resolve("a.tar.gz"), files);

        for (Path release : List.of(folder, archive)) {
            CifarDataset all = Cifar10.open(release).all();
            assertThat(all.origins()).extracting(Origin::file).containsExactly("data_batch_1.bin",
                    "data_batch_1.bin", "data_batch_2.bin", "data_batch_2.bin", "data_batch_10.bin",
                    "data_batch_10.bin", "test_batch.bin", "test_batch.bin", "other.bin", "other.bin");
            assertThat(all.pixels(4)).isEqualTo(batches.get("data_batch_10.bin").pixels(0));
        }
    }

    @Test
    void all_keeps_the_written_origins_and_names_a_release_without_batches() throws IOException {
        CifarDataset pile = Tiny.cifar(3, "data_batch_4.bin", 7);
        Path written = CifarWriter.writeFolder(Map.of("data_batch_1.bin", pile), dir.resolve("pile"), true);
        assertThat(Cifar10.open(written).all().origins()).isEqualTo(pile.origins());

        Path empty = Tiny.folder(dir.resolve("e"), Tiny.ordered("batches.meta.txt", Tiny.meta(Cifar10.CLASS_NAMES)));
        assertThatThrownBy(() -> Cifar10.open(empty).all()).isInstanceOf(CifarFormatException.class)
                .hasMessage(empty + ": missing any batch file (data_batch_N.bin, test_batch.bin); found "
                        + "batches.meta.txt");
    }

    @Test
    void a_folder_that_contains_cifar_10_batches_bin_is_opened_through_it() throws IOException {
        Path parent = dir.resolve("downloads");
        Tiny.folder(parent.resolve("cifar-10-batches-bin"), Tiny.release(Cifar10.CLASS_NAMES, officialBatches()));

        CifarArchive release = Cifar10.open(parent);

        assertThat(release.path()).isEqualTo(parent.resolve("cifar-10-batches-bin"));
        assertThat(release.train().size()).isEqualTo(10);
    }

    @Test
    void image_returns_the_pixels_as_rgb_at_the_right_place() throws IOException {
        byte[] record = Tiny.record(4, 0);
        int row = 5;
        int column = 7;
        int p = row * 32 + column;
        record[1 + p] = (byte) 200;            // red
        record[1 + 1024 + p] = (byte) 100;     // green
        record[1 + 2048 + p] = (byte) 10;      // blue
        Path folder = Tiny.folder(dir.resolve("f"),
                Tiny.ordered(BatchFormat.META, Tiny.meta(Cifar10.CLASS_NAMES), "one.bin", record));

        CifarDataset one = Cifar10.open(folder).batch("one.bin");
        BufferedImage image = one.image(0);

        assertThat(image.getWidth()).isEqualTo(32);
        assertThat(image.getHeight()).isEqualTo(32);
        assertThat(image.getRGB(column, row) & 0xFFFFFF).isEqualTo(200 << 16 | 100 << 8 | 10);
        assertThat(image.getRGB(row, column) & 0xFFFFFF).isZero();
        assertThat(one.className(0)).isEqualTo("deer");
    }

    @Test
    void a_batch_whose_size_is_not_a_multiple_of_3073_names_the_file_and_its_size() throws IOException {
        byte[] bad = Arrays.copyOf(Tiny.record(1, 7), BatchFormat.RECORD_BYTES + 10);
        Map<String, byte[]> files = Tiny.ordered(BatchFormat.META, Tiny.meta(Cifar10.CLASS_NAMES),
                "data_batch_1.bin", bad);
        Path folder = Tiny.folder(dir.resolve("f"), files);
        Path archive = Tiny.tarGz(dir.resolve("a.tar.gz"), files);

        assertThatThrownBy(() -> Cifar10.open(folder).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining(folder.resolve("data_batch_1.bin").toString())
                .hasMessageContaining("size 3083 bytes is not a multiple of the 3073-byte record");
        assertThatThrownBy(() -> Cifar10.open(archive).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining(archive + "!cifar-10-batches-bin/data_batch_1.bin")
                .hasMessageContaining("size 3083 bytes");
    }

    @Test
    void a_label_above_9_names_the_file_and_the_record_in_folder_and_archive() throws IOException {
        byte[] records = new byte[3 * BatchFormat.RECORD_BYTES];
        System.arraycopy(Tiny.record(9, 1), 0, records, 0, BatchFormat.RECORD_BYTES);
        System.arraycopy(Tiny.record(0, 1), 0, records, BatchFormat.RECORD_BYTES, BatchFormat.RECORD_BYTES);
        System.arraycopy(Tiny.record(12, 1), 0, records, 2 * BatchFormat.RECORD_BYTES, BatchFormat.RECORD_BYTES);
        // the meta file comes last in the archive, so labels are checked after the batch was read
        Map<String, byte[]> files = Tiny.ordered("data_batch_3.bin", records,
                BatchFormat.META, Tiny.meta(Cifar10.CLASS_NAMES));
        Path folder = Tiny.folder(dir.resolve("f"), files);
        Path archive = Tiny.tarGz(dir.resolve("a.tar.gz"), files);

        assertThatThrownBy(() -> Cifar10.open(folder).batch("data_batch_3.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(folder.resolve("data_batch_3.bin") + ": record 2 has label 12, expected 0..9 (10 classes)");
        assertThatThrownBy(() -> Cifar10.open(archive).batch("data_batch_3.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(archive + "!cifar-10-batches-bin/data_batch_3.bin: record 2 has label 12, expected 0..9 "
                        + "(10 classes)");
    }

    @Test
    void a_missing_training_batch_says_what_was_expected_and_what_was_found() throws IOException {
        Map<String, CifarDataset> batches = officialBatches();
        batches.remove("data_batch_4.bin");
        Map<String, byte[]> files = Tiny.release(Cifar10.CLASS_NAMES, batches);
        Path folder = Tiny.folder(dir.resolve("f"), files);
        Path archive = Tiny.tarGz(dir.resolve("a.tar.gz"), files);

        for (Path release : List.of(folder, archive)) {
            assertThatThrownBy(() -> Cifar10.open(release).train())
                    .isInstanceOf(CifarFormatException.class)
                    .hasMessage(release + ": missing data_batch_4.bin; found batches.meta.txt, data_batch_1.bin, "
                            + "data_batch_2.bin, data_batch_3.bin, data_batch_5.bin, test_batch.bin");
        }
    }

    @Test
    void a_missing_test_batch_says_so_and_explains_why_it_may_be_absent() throws IOException {
        Map<String, CifarDataset> batches = officialBatches();
        batches.remove("test_batch.bin");
        Path archive = Tiny.tarGz(dir.resolve("a.tar.gz"), Tiny.release(Cifar10.CLASS_NAMES, batches));

        assertThatThrownBy(() -> Cifar10.open(archive).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("missing test_batch.bin; found batches.meta.txt, data_batch_1.bin")
                .hasMessageContaining("leave out the test batch on purpose");
    }

    @Test
    void a_missing_meta_file_is_named() throws IOException {
        Path folder = Tiny.folder(dir.resolve("f"), Tiny.ordered("data_batch_1.bin", Tiny.record(0, 0)));
        Path archive = Tiny.tarGz(dir.resolve("a.tar.gz"), Tiny.ordered("data_batch_1.bin", Tiny.record(0, 0)));

        assertThatThrownBy(() -> Cifar10.open(folder).classNames())
                .hasMessage(folder + ": missing batches.meta.txt; found data_batch_1.bin");
        assertThatThrownBy(() -> Cifar10.open(archive).batch("data_batch_1.bin"))
                .hasMessage(archive + ": missing batches.meta.txt; found data_batch_1.bin");
    }

    @Test
    void a_malformed_origins_file_names_the_file_and_the_line() throws IOException {
        Map<String, byte[]> files = Tiny.release(Cifar10.CLASS_NAMES,
                Map.of("data_batch_1.bin", Tiny.cifar(2, "data_batch_1.bin", 1)));
        files.put("batches.origins.txt", "# header\ndata_batch_1.bin\t0\tdata_batch_7.bin\t5\nbroken line\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path archive = Tiny.tarGz(dir.resolve("a.tar.gz"), files);

        assertThatThrownBy(() -> Cifar10.open(archive).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(archive + "!cifar-10-batches-bin/batches.origins.txt: line 3 \"broken line\": 1 "
                        + "tab-separated fields, expected 4");
    }

    @Test
    void a_file_that_is_not_gzip_is_reported_as_a_corrupt_gzip_archive() throws IOException {
        Path archive = Files.write(dir.resolve("bad.tar.gz"), "this is not gzip at all".getBytes());

        assertThatThrownBy(() -> Cifar10.open(archive).train())
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(archive + ": corrupt or truncated gzip archive");
    }

    @Test
    void a_truncated_gzip_archive_is_reported_as_corrupt_or_truncated() throws IOException {
        byte[] whole = Tiny.tarGzBytes(Tiny.release(Cifar10.CLASS_NAMES, officialBatches()));
        Path archive = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> Cifar10.open(archive).train())
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining(archive.toString())
                .hasMessageMatching("(?s).*(corrupt or truncated gzip archive|corrupt tar archive|ends inside record).*");
    }

    @Test
    void a_valid_gzip_of_garbage_is_reported_as_a_corrupt_tar_archive() throws IOException {
        byte[] garbage = new byte[4096];
        new java.util.Random(3).nextBytes(garbage);
        Path archive = Files.write(dir.resolve("garbage.tar.gz"), Tiny.gzip(garbage));

        assertThatThrownBy(() -> Cifar10.open(archive).train())
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(archive + ": corrupt tar archive");
    }

    @Test
    void opening_a_missing_path_or_a_plain_file_says_what_was_expected() throws IOException {
        Path nowhere = dir.resolve("nowhere");
        Path text = Files.write(dir.resolve("notes.txt"), new byte[] {1});

        assertThatThrownBy(() -> Cifar10.open(nowhere))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("expected a cifar-10-batches-bin folder or a .tar.gz file");
        assertThatThrownBy(() -> Cifar10.open(text))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining(text + ": not a folder and not a .tar.gz archive");
    }
}
