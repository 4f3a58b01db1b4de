package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes data sets back to the binary layout and reads them again. */
class CifarWriterTest {

    @TempDir
    Path dir;

    @Test
    void a_written_batch_file_holds_exactly_the_records_in_order() throws IOException {
        CifarDataset data = Tiny.cifar(7, "x.bin", 1);
        Path file = dir.resolve("out/data_batch_9.bin");

        CifarWriter.writeBatch(data, file);

        assertThat(Files.readAllBytes(file)).isEqualTo(Tiny.records(data));
        assertThat(Files.size(file)).isEqualTo(7L * 3073);
    }

    @Test
    void a_subset_written_as_a_folder_reads_back_with_the_same_pixels_labels_and_original_origins()
            throws IOException {
        CifarDataset train = Tiny.cifar(30, "data_batch_2.bin", 5);
        CifarDataset pile = Piles.sample(train, 2, 7);

        Path folder = CifarWriter.writeFolder(pile, dir.resolve("sample"), "data_batch_1.bin");
        CifarDataset back = Cifar10.open(folder).batch("data_batch_1.bin");

        assertThat(back.fingerprint()).isEqualTo(pile.fingerprint());
        assertThat(back.origins()).isEqualTo(pile.origins());
        assertThat(back.origins()).allMatch(o -> o.file().equals("data_batch_2.bin"));
        assertThat(Files.readString(folder.resolve("batches.origins.txt")))
                .contains("data_batch_1.bin\t0\tdata_batch_2.bin\t" + pile.origin(0).record() + "\n");
    }

    @Test
    void an_official_layout_archive_reads_back_through_train_and_test_and_identically_to_its_folder()
            throws IOException {
        CifarDataset train = Tiny.cifar(23, "mine.bin", 2);
        CifarDataset test = Tiny.cifar(6, "theirs.bin", 3);
        Map<String, CifarDataset> batches = CifarWriter.officialBatches(train, test);

        Path archive = CifarWriter.writeArchive(batches, dir.resolve("cifar-10-binary.tar.gz"));
        Path folder = CifarWriter.writeFolder(batches, dir.resolve("cifar-10-batches-bin"));

        assertThat(batches.keySet()).containsExactly("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
                "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");
        assertThat(batches.values()).extracting(CifarDataset::size).containsExactly(4, 5, 4, 5, 5, 6);
        for (Path release : List.of(archive, folder)) {
            CifarArchive read = Cifar10.open(release);
            assertThat(read.train().fingerprint()).isEqualTo(train.fingerprint());
            assertThat(read.train().origins()).isEqualTo(train.origins());
            assertThat(read.test().fingerprint()).isEqualTo(test.fingerprint());
            assertThat(read.test().origins()).isEqualTo(test.origins());
        }
    }

    @Test
    void rewriting_an_unchanged_release_writes_no_origin_file_and_the_same_bytes() throws IOException {
        Map<String, CifarDataset> batches = Map.of("data_batch_1.bin", Tiny.cifar(3, "data_batch_1.bin", 4));
        Path first = CifarWriter.writeArchive(batches, dir.resolve("one.tar.gz"));
        Path again = CifarWriter.writeArchive(
                Map.of("data_batch_1.bin", Cifar10.open(first).batch("data_batch_1.bin")), dir.resolve("two.tar.gz"));
        Path folder = CifarWriter.writeFolder(batches, dir.resolve("f"));

        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(first));
        assertThat(folder.resolve("batches.origins.txt")).doesNotExist();
        assertThat(Files.readString(folder.resolve("batches.meta.txt")))
                .isEqualTo(String.join("\n", Cifar10.CLASS_NAMES) + "\n");
    }

    @Test
    void asked_to_a_folder_writes_the_origin_file_even_when_every_origin_is_its_new_place() throws IOException {
        Map<String, CifarDataset> batches = Map.of("test_batch.bin", Tiny.cifar(3, "test_batch.bin", 4));

        Path folder = CifarWriter.writeFolder(batches, dir.resolve("f"), true);
        CifarDataset back = Cifar10.open(folder).test();

        assertThat(Files.readString(folder.resolve("batches.origins.txt"))).isEqualTo(
                "# batch file, record, original file, original record (tab-separated)\n"
                        + "test_batch.bin\t0\ttest_batch.bin\t0\n"
                        + "test_batch.bin\t1\ttest_batch.bin\t1\n"
                        + "test_batch.bin\t2\ttest_batch.bin\t2\n");
        assertThat(back.fingerprint()).isEqualTo(batches.get("test_batch.bin").fingerprint());
        assertThat(back.origins()).isEqualTo(batches.get("test_batch.bin").origins());
    }

    @Test
    void writing_leaves_no_temporary_files_and_replaces_an_existing_file() throws IOException {
        Path file = Files.write(dir.resolve("data_batch_1.bin"), new byte[] {1, 2, 3});
        CifarDataset data = Tiny.cifar(2, "a", 1);

        CifarWriter.writeBatch(data, file);

        assertThat(Files.readAllBytes(file)).isEqualTo(Tiny.records(data));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void a_failing_write_leaves_the_old_file_and_no_temporary_file() throws IOException {
        Path file = Files.write(dir.resolve("keep.bin"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write(new byte[100]);
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void bad_releases_are_refused_before_anything_is_written() {
        CifarDataset tenClasses = Tiny.cifar(2, "a", 1);
        CifarDataset threeClasses = Tiny.dataset(2, Tiny.THREE_CLASSES, "b", 1);

        assertThatThrownBy(() -> CifarWriter.writeFolder(Map.of(), dir.resolve("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no batches to write");
        assertThatThrownBy(() -> CifarWriter.writeFolder(tenClasses, dir.resolve("x"), "../escape.bin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'../escape.bin'");
        assertThatThrownBy(() -> CifarWriter.writeFolder(
                Tiny.ordered("data_batch_1.bin", tenClasses, "data_batch_2.bin", threeClasses), dir.resolve("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch data_batch_2.bin has classes [apple, bear, cloud]");
        assertThatThrownBy(() -> CifarWriter.writeArchive(Map.of("a.bin", tenClasses), dir.resolve("x.zip")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must end in .tar.gz");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    // an empty set is written (as five 0-byte batches) but refused when read, naming them: see UntrustedArchiveTest
    @Property(tries = 25)
    void any_small_data_set_survives_a_write_then_read_round_trip(
            @ForAll @IntRange(min = 1, max = 12) int size,
            @ForAll @IntRange(min = 1, max = 12) int classCount,
            @ForAll @LongRange(min = 0, max = 1000) long seed) throws IOException {
        List<String> classes = java.util.stream.IntStream.range(0, classCount).mapToObj(c -> "class " + c).toList();
        CifarDataset data = Tiny.dataset(size, classes, "somewhere/photo " + seed + ".png", seed);
        Path root = Files.createTempDirectory("roundtrip");
        try {
            Path archive = CifarWriter.writeArchive(CifarWriter.officialBatches(data), root.resolve("r.tar.gz"));
            CifarDataset back = Cifar10.open(archive).train();

            assertThat(back.fingerprint()).isEqualTo(data.fingerprint());
            assertThat(back.origins()).isEqualTo(data.origins());
            assertThat(back.classNames()).isEqualTo(classes);
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
