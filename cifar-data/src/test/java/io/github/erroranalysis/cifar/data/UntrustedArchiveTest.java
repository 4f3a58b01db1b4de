package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.cifar.data.Tiny.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives and folders built to attack or confuse the reader: escaping, absolute, duplicate and linked tar entries,
 * forged sizes and checksums, symbolic links in folders, and the messages for empty and malformed files.
 */
class UntrustedArchiveTest {

    @TempDir
    Path dir;

    private static final CifarDataset TRAIN = Tiny.cifar(3, "data_batch_1.bin", 1);
    private static final CifarDataset TEST = Tiny.cifar(2, "test_batch.bin", 2);

    private static Map<String, byte[]> release() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(BatchFormat.META, Tiny.meta(Cifar10.CLASS_NAMES));
        files.put("data_batch_1.bin", Tiny.records(TRAIN));
        files.put(BatchFormat.TEST_BATCH, Tiny.records(TEST));
        return files;
    }

    private Path archive(String name, List<Entry> entries) throws IOException {
        return Files.write(dir.resolve(name), Tiny.gzip(Tiny.tarBytes(entries)));
    }

    private static List<Entry> with(List<Entry> entries, Entry... more) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void an_entry_that_climbs_out_with_dot_dot_is_refused_and_named() throws IOException {
        Path archive = archive("evil.tar.gz", with(Tiny.officialEntries(release()),
                Entry.file("../../evil", "pwned".getBytes(StandardCharsets.UTF_8))));

        assertThatThrownBy(() -> Cifar10.open(archive).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(archive + "!../../evil: entry name leaves the archive through '..'; refused (only entries "
                        + "inside the release folder are read)");
    }

    @Test
    void a_test_batch_smuggled_in_through_dot_dot_is_never_used_as_the_test_batch() throws IOException {
        Map<String, byte[]> files = release();
        files.remove(BatchFormat.TEST_BATCH);
        Path archive = archive("smuggled.tar.gz", with(Tiny.officialEntries(files),
                Entry.file("../../cifar-10-batches-bin/test_batch.bin", Tiny.records(TRAIN))));

        assertThatThrownBy(() -> Cifar10.open(archive).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(archive + "!../../cifar-10-batches-bin/test_batch.bin: entry name leaves the "
                        + "archive through '..'");
    }

    @Test
    void an_absolute_entry_is_refused_and_named() throws IOException {
        Path archive = archive("absolute.tar.gz", with(Tiny.officialEntries(release()),
                Entry.file("/etc/cifar-10-batches-bin/data_batch_2.bin", Tiny.records(TRAIN))));

        assertThatThrownBy(() -> Cifar10.open(archive).train())
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(archive + "!/etc/cifar-10-batches-bin/data_batch_2.bin: entry has an absolute "
                        + "path; refused");
    }

    @Test
    void a_batch_in_another_folder_than_the_release_is_refused() throws IOException {
        Path archive = archive("two.tar.gz", with(Tiny.officialEntries(release()),
                Entry.file("elsewhere/test_batch.bin", Tiny.records(TRAIN))));

        assertThatThrownBy(() -> Cifar10.open(archive).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(archive + "!elsewhere/test_batch.bin: outside the release folder 'cifar-10-batches-bin/' "
                        + "that the archive's first CIFAR file lies in; refused (an archive holds one release)");
    }

    @Test
    void a_duplicate_entry_is_refused_and_named_whichever_spelling_it_uses() throws IOException {
        Path archive = archive("twice.tar.gz", with(Tiny.officialEntries(release()),
                Entry.file("./cifar-10-batches-bin//test_batch.bin", Tiny.records(TRAIN))));

        assertThatThrownBy(() -> Cifar10.open(archive).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(archive + "!./cifar-10-batches-bin//test_batch.bin: entry appears twice in the archive "
                        + "(first as 'cifar-10-batches-bin/test_batch.bin'); refused, since either copy could be "
                        + "meant");
    }

    @Test
    void a_batch_that_is_a_symbolic_link_entry_is_refused() throws IOException {
        Map<String, byte[]> files = release();
        files.remove(BatchFormat.TEST_BATCH);
        Path archive = archive("link.tar.gz", with(Tiny.officialEntries(files),
                Entry.symlink("cifar-10-batches-bin/test_batch.bin", "data_batch_1.bin")));

        assertThatThrownBy(() -> Cifar10.open(archive).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(archive + "!cifar-10-batches-bin/test_batch.bin: not a regular file but a symbolic link "
                        + "to 'data_batch_1.bin'; refused (a release holds its files themselves)");
    }

    @Test
    void normalized_names_still_read_and_other_files_elsewhere_are_ignored() throws IOException {
        List<Entry> entries = new ArrayList<>();
        entries.add(Entry.file("README", "about".getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, byte[]> file : release().entrySet()) {
            entries.add(Entry.file("./cifar-10-batches-bin/./" + file.getKey(), file.getValue()));
        }
        Path archive = archive("dotted.tar.gz", entries);

        assertThat(Cifar10.open(archive).test().fingerprint()).isEqualTo(TEST.fingerprint());
        assertThat(Cifar10.open(archive).batch("data_batch_1.bin").fingerprint()).isEqualTo(TRAIN.fingerprint());
    }

    @Test
    void a_tar_header_with_a_wrong_checksum_is_refused() throws IOException {
        byte[] tar = Tiny.tarBytes(Tiny.officialEntries(release()));
        tar[0] ^= 1;   // first header's name: 'c' becomes 'b', checksum not updated
        Path archive = Files.write(dir.resolve("sum.tar.gz"), Tiny.gzip(tar));

        assertThatThrownBy(() -> Cifar10.open(archive).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(archive + ": corrupt tar archive (the header of entry 'bifar-10-batches-bin/batches.meta.txt'"
                        + " fails its checksum)");
    }

    @Test
    void a_forged_size_of_a_trillion_bytes_ends_in_a_message_not_an_out_of_memory_error() throws IOException {
        byte[] tar = Tiny.tarBytes(Tiny.officialEntries(release()));
        int header = headerOffset(tar, "cifar-10-batches-bin/data_batch_1.bin");
        setBinarySize(tar, header, (long) BatchFormat.RECORD_BYTES * 1_500_000_000L);
        Path archive = Files.write(dir.resolve("forged.tar.gz"), Tiny.gzip(tar));

        assertThatThrownBy(() -> Cifar10.open(archive).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(archive + "!cifar-10-batches-bin/data_batch_1.bin: ends inside record");
    }

    @Test
    void a_forged_size_beyond_two_billion_records_names_the_entry() throws IOException {
        byte[] tar = Tiny.tarBytes(Tiny.officialEntries(release()));
        setBinarySize(tar, headerOffset(tar, "cifar-10-batches-bin/data_batch_1.bin"), 1L << 44);
        Path archive = Files.write(dir.resolve("huge.tar.gz"), Tiny.gzip(tar));

        assertThatThrownBy(() -> Cifar10.open(archive).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(archive + "!cifar-10-batches-bin/data_batch_1.bin: size 17592186044416 bytes "
                        + "is outside");
    }

    @Test
    void pixels_changed_inside_a_valid_deflate_stream_are_caught_by_the_gzip_crc() throws IOException {
        byte[] tar = Tiny.tarBytes(Tiny.officialEntries(release()));
        byte[] good = Tiny.gzip(tar);
        int pixel = headerOffset(tar, "cifar-10-batches-bin/test_batch.bin") + 512 + 100;
        tar[pixel] ^= 0x40;
        byte[] bad = Tiny.gzip(tar);
        // keep the trailer of the good archive: the deflate data decodes, only the CRC-32 can tell
        System.arraycopy(good, good.length - 8, bad, bad.length - 8, 8);
        Path archive = Files.write(dir.resolve("crc.tar.gz"), bad);

        assertThatThrownBy(() -> Cifar10.open(archive).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(archive + ": corrupt or truncated gzip archive (Corrupt GZIP trailer");
        assertThatThrownBy(() -> Cifar10.open(archive).classNames())
                .hasMessageStartingWith(archive + ": corrupt or truncated gzip archive");
    }

    @Test
    void a_zero_byte_batch_in_an_archive_or_a_folder_is_refused_naming_the_file() throws IOException {
        // GIVEN releases whose test_batch.bin (or data_batch_1.bin) is 0 bytes; the old reader returned 0 examples,
        // and the CLI said only "the test set is empty: the iterator returned no examples (IllegalArgumentException)"
        Map<String, byte[]> emptyTest = release();
        emptyTest.put(BatchFormat.TEST_BATCH, new byte[0]);
        Map<String, byte[]> emptyTrain = release();
        emptyTrain.put("data_batch_1.bin", new byte[0]);
        Path archive = archive("empty-test.tar.gz", Tiny.officialEntries(emptyTest));
        Path folder = Tiny.folder(dir.resolve("empty-test"), emptyTest);
        Path trainArchive = archive("empty-train.tar.gz", Tiny.officialEntries(emptyTrain));
        String why = ": empty file (0 bytes), so there are no images to read; a CIFAR-10 batch holds records of "
                + "3073 bytes (an official one 10,000 of them)";

        // WHEN / THEN
        assertThatThrownBy(() -> Cifar10.open(archive).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(archive + "!cifar-10-batches-bin/test_batch.bin" + why);
        assertThatThrownBy(() -> Cifar10.open(folder).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(folder.resolve("test_batch.bin") + why);
        assertThatThrownBy(() -> Cifar10.open(trainArchive).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(trainArchive + "!cifar-10-batches-bin/data_batch_1.bin" + why);
        // a batch that is not wanted is not read, so an empty one does not stop the others
        assertThat(Cifar10.open(archive).batch("data_batch_1.bin").size()).isEqualTo(TRAIN.size());
    }

    @Test
    void empty_batches_beside_full_ones_read_as_written_but_a_set_of_only_empty_batches_names_them_all()
            throws IOException {
        // GIVEN a written set of 2 images: three of its five training batches are 0-byte files
        Path small = CifarWriter.writeArchive(CifarWriter.officialBatches(Tiny.cifar(2, "x.bin", 3), TEST),
                dir.resolve("small.tar.gz"));
        Path none = CifarWriter.writeArchive(CifarWriter.officialBatches(Tiny.cifar(0, "x.bin", 3), TEST),
                dir.resolve("none.tar.gz"));

        // WHEN / THEN
        assertThat(Cifar10.open(small).train().size()).isEqualTo(2);
        assertThatThrownBy(() -> Cifar10.open(none).train())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(none + "!cifar-10-batches-bin/data_batch_1.bin, " + none + "!cifar-10-batches-bin/"
                        + "data_batch_2.bin, " + none + "!cifar-10-batches-bin/data_batch_3.bin, " + none
                        + "!cifar-10-batches-bin/data_batch_4.bin, " + none + "!cifar-10-batches-bin/data_batch_5.bin"
                        + ": all empty files (0 bytes), so there are no images to read; a CIFAR-10 batch holds "
                        + "records of 3073 bytes (an official one 10,000 of them)");
        assertThat(Cifar10.open(none).test().size()).isEqualTo(TEST.size());
    }

    @Test
    void an_empty_archive_says_it_is_empty_and_a_one_byte_one_has_no_null_in_its_message() throws IOException {
        Path empty = Files.write(dir.resolve("empty.tar.gz"), new byte[0]);
        Path oneByte = Files.write(dir.resolve("one.tar.gz"), new byte[] {0x1f});

        assertThatThrownBy(() -> Cifar10.open(empty).train())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(empty + ": empty file (0 bytes); expected a gzip-compressed tar archive such as the "
                        + "official cifar-10-binary.tar.gz");
        assertThatThrownBy(() -> Cifar10.open(oneByte).train())
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(oneByte + ": corrupt or truncated gzip archive (")
                .hasMessageNotContaining("null");
    }

    @Test
    void a_meta_file_with_a_byte_order_mark_reads_the_same_names_in_folder_and_archive() throws IOException {
        Map<String, byte[]> files = release();
        byte[] meta = files.get(BatchFormat.META);
        byte[] withBom = new byte[meta.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(meta, 0, withBom, 3, meta.length);
        files.put(BatchFormat.META, withBom);

        assertThat(Cifar10.open(Tiny.folder(dir.resolve("f"), files)).classNames()).isEqualTo(Cifar10.CLASS_NAMES);
        assertThat(Cifar10.open(Tiny.tarGz(dir.resolve("a.tar.gz"), files)).classNames())
                .isEqualTo(Cifar10.CLASS_NAMES);
    }

    @Test
    void a_meta_file_that_is_not_utf8_names_the_file_and_the_offset() throws IOException {
        Path folder = Tiny.folder(dir.resolve("f"), Tiny.ordered(BatchFormat.META,
                "caf\u00e9\nbar\n".getBytes(StandardCharsets.ISO_8859_1)));

        assertThatThrownBy(() -> Cifar10.open(folder).classNames())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(folder.resolve(BatchFormat.META) + ", line 1: not UTF-8 text (byte 0xE9 at offset 3 does "
                        + "not decode); save it as UTF-8");
    }

    @Test
    void a_meta_file_that_repeats_a_name_or_holds_a_control_character_is_refused_with_the_line() throws IOException {
        Path twice = Tiny.folder(dir.resolve("twice"), Tiny.ordered(BatchFormat.META,
                "cat\ndog\n\ncat\n".getBytes(StandardCharsets.UTF_8)));
        Path control = Tiny.folder(dir.resolve("control"), Tiny.ordered(BatchFormat.META,
                "cat\nd\u0000g\n".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> Cifar10.open(twice).classNames())
                .hasMessage(twice.resolve(BatchFormat.META) + ", line 4: class name 'cat' repeats line 1; class names "
                        + "must be distinct");
        assertThatThrownBy(() -> Cifar10.open(control).classNames())
                .hasMessage(control.resolve(BatchFormat.META) + ", line 2: class name has the control character "
                        + "U+0000; expected one printable class name a line");
    }

    @Test
    void a_meta_file_follows_the_one_class_list_rule_hash_lines_are_names_and_line_ends_are_only_cr_and_lf()
            throws IOException {
        Path hash = Tiny.folder(dir.resolve("hash"), Tiny.ordered(BatchFormat.META,
                " #1 \r\n\r#2\rcat\n".getBytes(StandardCharsets.UTF_8)));
        Path separator = Tiny.folder(dir.resolve("separator"), Tiny.ordered(BatchFormat.META,
                "cat\u2028dog\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(Cifar10.open(hash).classNames()).containsExactly("#1", "#2", "cat");
        // the old reader split at U+2028 as a line end, where the CLI's --classes kept it inside the name
        assertThatThrownBy(() -> Cifar10.open(separator).classNames())
                .hasMessage(separator.resolve(BatchFormat.META) + ", line 1: class name has the line separator "
                        + "U+2028; expected one printable class name a line");
    }

    @Test
    void an_origins_line_with_a_record_that_is_no_number_says_so() throws IOException {
        Map<String, byte[]> files = release();
        files.put(BatchFormat.ORIGINS, "data_batch_1.bin\t0\tx.bin\tseven\n".getBytes(StandardCharsets.UTF_8));
        Path folder = Tiny.folder(dir.resolve("f"), files);

        assertThatThrownBy(() -> Cifar10.open(folder).batch("data_batch_1.bin"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(folder.resolve(BatchFormat.ORIGINS) + ": line 1 \"data_batch_1.bin\t0\tx.bin\tseven\": "
                        + "record number 'seven' is not a whole number 0..2147483647");
    }

    @Test
    void a_batch_name_with_a_folder_is_refused() throws IOException {
        CifarArchive release = Cifar10.open(Tiny.folder(dir.resolve("f"), release()));

        assertThatThrownBy(() -> release.batch("../f/data_batch_1.bin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batch file name must be a plain file name inside " + dir.resolve("f")
                        + ", without folders, got '../f/data_batch_1.bin'");
    }

    @Test
    void a_folder_whose_test_batch_is_a_link_to_a_training_batch_is_refused() throws IOException {
        Map<String, byte[]> files = release();
        files.remove(BatchFormat.TEST_BATCH);
        Path folder = Tiny.folder(dir.resolve("f"), files);
        Files.createSymbolicLink(folder.resolve(BatchFormat.TEST_BATCH), Path.of("data_batch_1.bin"));

        assertThatThrownBy(() -> Cifar10.open(folder).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(folder.resolve(BatchFormat.TEST_BATCH) + ": the same file as "
                        + folder.resolve("data_batch_1.bin") + " (a link); refused, since one batch must not stand in "
                        + "for another");
    }

    @Test
    void a_folder_member_that_links_out_of_the_folder_is_refused() throws IOException {
        Map<String, byte[]> files = release();
        files.remove(BatchFormat.TEST_BATCH);
        Path folder = Tiny.folder(dir.resolve("f"), files);
        Path outside = Files.write(dir.resolve("outside.bin"), Tiny.records(TEST));
        Files.createSymbolicLink(folder.resolve(BatchFormat.TEST_BATCH), outside);

        assertThatThrownBy(() -> Cifar10.open(folder).test())
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(folder.resolve(BatchFormat.TEST_BATCH) + ": a symbolic link to " + outside.toRealPath()
                        + ", outside the release folder " + folder.toRealPath() + "; refused (copy the file into the "
                        + "folder instead)");
    }

    @Test
    void a_link_to_the_whole_release_folder_still_reads() throws IOException {
        Path folder = Tiny.folder(dir.resolve("f"), release());
        Path link = Files.createSymbolicLink(dir.resolve("cifar-10-batches-bin"), folder);

        assertThat(Cifar10.open(link).test().fingerprint()).isEqualTo(TEST.fingerprint());
    }

    /** The offset of the 512-byte header of the entry named {@code name} in an uncompressed tar. */
    static int headerOffset(byte[] tar, String name) {
        for (int at = 0; at + 512 <= tar.length; ) {
            String entry = new String(tar, at, 100, StandardCharsets.ISO_8859_1).replaceAll("\0.*", "");
            if (entry.isEmpty()) {
                break;
            }
            if (entry.equals(name)) {
                return at;
            }
            long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.ISO_8859_1).trim(), 8);
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        throw new IllegalArgumentException(name + " is not in the tar");
    }

    /** Offsets of every header block of an uncompressed tar written by {@link Tiny#tarBytes}. */
    static List<Integer> headerOffsets(byte[] tar) {
        List<Integer> offsets = new ArrayList<>();
        for (int at = 0; at + 512 <= tar.length; ) {
            if (tar[at] == 0) {
                break;
            }
            offsets.add(at);
            long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.ISO_8859_1).trim(), 8);
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        return offsets;
    }

    /** Writes a size in the tar's base-256 form (as GNU tar does for big files) and fixes the header checksum. */
    private static void setBinarySize(byte[] tar, int header, long size) {
        Arrays.fill(tar, header + 124, header + 136, (byte) 0);
        tar[header + 124] = (byte) 0x80;
        for (int i = 0; i < 8; i++) {
            tar[header + 135 - i] = (byte) (size >>> (8 * i));
        }
        Arrays.fill(tar, header + 148, header + 156, (byte) ' ');
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[header + i] & 0xFF;
        }
        byte[] octal = String.format("%06o\0 ", sum).getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(octal, 0, tar, header + 148, 8);
    }
}
