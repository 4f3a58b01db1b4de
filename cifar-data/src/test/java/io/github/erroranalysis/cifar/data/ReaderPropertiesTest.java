package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Untrusted-file properties of every cifar-data reader: the {@code .tar.gz} and folder release, batch files,
 * {@code batches.meta.txt} and image folders are fed random bytes and mutated valid files (cut at every offset, bytes
 * flipped, tar headers changed). Each read either gives exactly the valid file's result or throws an
 * {@link IOException} whose message names the file; an {@link Error}, any other exception or a different result
 * fails the property.
 *
 * <p>Where a format carries no integrity check a mutation can make another valid file (a batch cut at a record
 * boundary is a shorter batch, a changed letter in {@code batches.meta.txt} another class name); there the property
 * is that the reader agrees exactly with the format's definition, written out independently here, or names the file.
 * Archives and PNGs carry checksums (gzip CRC-32, tar header sums, PNG chunk CRC-32s), so for them any change must
 * give the identical result or an error.
 */
class ReaderPropertiesTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("cifar-reader-properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compressible records, so that the archive is small and cutting it at every offset stays fast. */
    private static CifarDataset batch(String name, int size, int salt) {
        List<byte[]> images = new ArrayList<>();
        int[] labels = new int[size];
        List<Origin> origins = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] image = new byte[CifarDataset.IMAGE_BYTES];
            for (int p = 0; p < image.length; p++) {
                image[p] = (byte) ((p / 64 * 37 + i * 11 + salt * 5) % 251);
            }
            images.add(image);
            labels[i] = (i * 3 + salt) % 10;
            origins.add(new Origin(name, i));
        }
        return CifarDataset.of(images, labels, origins, Cifar10.CLASS_NAMES);
    }

    private static final Map<String, byte[]> RELEASE = release();
    private static final byte[] TAR = uncheck(() -> Tiny.tarBytes(Tiny.officialEntries(RELEASE)));
    private static final byte[] ARCHIVE = uncheck(() -> Tiny.gzip(TAR));
    private static final Summary VALID_ARCHIVE = uncheck(() -> readRelease(
            Files.write(DIR.resolve("valid.tar.gz"), ARCHIVE)));
    private static final byte[] PNG = uncheck(ReaderPropertiesTest::smallPng);
    private static final byte[] JPEG = uncheck(ReaderPropertiesTest::smallJpeg);
    private static final Summary VALID_FOLDER = uncheck(() -> readImages(imageFolder("valid", PNG, JPEG)));

    private static Map<String, byte[]> release() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            files.put(BatchFormat.META, Tiny.meta(Cifar10.CLASS_NAMES));
            for (int b = 0; b < BatchFormat.TRAIN_BATCHES.size(); b++) {
                String name = BatchFormat.TRAIN_BATCHES.get(b);
                files.put(name, Tiny.records(batch(name, b % 2 + 1, b)));
            }
            files.put(BatchFormat.TEST_BATCH, Tiny.records(batch(BatchFormat.TEST_BATCH, 2, 9)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** What a reader returned, compared by value: class names, origins, labels and pixels (as a fingerprint). */
    record Summary(List<String> classNames, List<Origin> origins, String fingerprint, Summary more) {
        static Summary of(CifarDataset data, Summary more) {
            return new Summary(data.classNames(), data.origins(), data.fingerprint(), more);
        }
    }

    private static Summary readRelease(Path release) throws IOException {
        CifarArchive archive = Cifar10.open(release);
        return Summary.of(archive.train(), Summary.of(archive.test(), null));
    }

    private static Summary readImages(Path folder) throws IOException {
        return Summary.of(ImageFolder.read(folder), null);
    }

    /**
     * Runs a read and checks the property: the valid result, or an {@link IOException} naming {@code file}. Anything
     * else (another exception, an Error) propagates and fails the property.
     *
     * @return whether the read failed (with a message naming the file)
     */
    private static boolean identicalOrNamed(IoSupplier<Summary> read, Summary valid, Path file) throws IOException {
        Summary result;
        try {
            result = read.get();
        } catch (CifarFormatException | java.nio.file.FileSystemException e) {
            assertThat(e.getMessage()).as("message of %s", e).contains(file.toString());
            return true;
        }
        assertThat(result).as("a read of the mutated %s that did not fail", file).isEqualTo(valid);
        return false;
    }

    // ---- .tar.gz release -----------------------------------------------------------------------------------------

    @Example
    void an_archive_cut_at_any_offset_is_named_as_truncated() throws IOException {
        Path file = DIR.resolve("cut.tar.gz");
        int failures = 0;
        for (int length = 0; length < ARCHIVE.length; length++) {
            Files.write(file, Arrays.copyOf(ARCHIVE, length));
            failures += identicalOrNamed(() -> readRelease(file), VALID_ARCHIVE, file) ? 1 : 0;
        }
        assertThat(failures).as("every cut archive is refused: gzip ends with its CRC-32 and length")
                .isEqualTo(ARCHIVE.length);
        assertThat(ARCHIVE.length).isBetween(500, 20_000);
    }

    @Property(tries = 200)
    void an_archive_with_flipped_bytes_reads_identically_or_names_the_file(
            @ForAll("flips") List<int[]> flips) throws IOException {
        byte[] bytes = ARCHIVE.clone();
        for (int[] flip : flips) {
            bytes[flip[0] % bytes.length] ^= (byte) flip[1];
        }
        Path file = Files.write(DIR.resolve("flipped.tar.gz"), bytes);
        identicalOrNamed(() -> readRelease(file), VALID_ARCHIVE, file);
    }

    @Property(tries = 200)
    void an_archive_with_a_mutated_tar_header_reads_identically_or_names_the_file(
            @ForAll @IntRange(min = 0, max = 1_000) int header, @ForAll @IntRange(min = 0, max = 511) int offset,
            @ForAll @IntRange(min = 1, max = 255) int xor) throws IOException {
        List<Integer> headers = UntrustedArchiveTest.headerOffsets(TAR);
        byte[] tar = TAR.clone();
        // a header block, or one of the two zero blocks that end the archive
        int block = header % (headers.size() + 2);
        int at = block < headers.size() ? headers.get(block) : endOfArchive(tar) + 512 * (block - headers.size());
        tar[at + offset] ^= (byte) xor;
        Path file = Files.write(DIR.resolve("header.tar.gz"), Tiny.gzip(tar));
        identicalOrNamed(() -> readRelease(file), VALID_ARCHIVE, file);
    }

    @Property(tries = 200)
    void random_bytes_as_an_archive_are_named(@ForAll @Size(max = 600) byte[] noise,
                                              @ForAll @IntRange(min = 0, max = 2) int kind) throws IOException {
        byte[] bytes = switch (kind) {
            case 0 -> noise;
            case 1 -> Tiny.gzip(noise);                        // valid gzip, tar of noise
            default -> concat(new byte[] {0x1f, (byte) 0x8b, 8, 0}, noise);   // gzip magic, then noise
        };
        Path file = Files.write(DIR.resolve("noise.tar.gz"), bytes);
        assertThat(identicalOrNamed(() -> readRelease(file), VALID_ARCHIVE, file)).isTrue();
    }

    // ---- folder release: batch files and batches.meta.txt ----------------------------------------------------------

    @Property(tries = 200)
    void a_mutated_batch_file_reads_as_its_bytes_define_or_names_the_file(
            @ForAll @IntRange(min = 0, max = 2 * BatchFormat.RECORD_BYTES + 10) int cut,
            @ForAll("flips") List<int[]> flips, @ForAll boolean flip) throws IOException {
        byte[] bytes = RELEASE.get("data_batch_2.bin").clone();
        if (flip) {
            for (int[] f : flips) {
                bytes[f[0] % bytes.length] ^= (byte) f[1];
            }
        } else {
            bytes = Arrays.copyOf(bytes, Math.min(cut, bytes.length));
        }
        Map<String, byte[]> files = new LinkedHashMap<>(RELEASE);
        files.put("data_batch_2.bin", bytes);
        Path folder = Tiny.folder(fresh("batch"), files);
        Path file = folder.resolve("data_batch_2.bin");
        Summary expected = definedBatch(bytes);
        boolean failed = identicalOrNamed(() -> Summary.of(Cifar10.open(folder).batch("data_batch_2.bin"), null),
                expected, file);
        assertThat(failed).as("refused exactly when the bytes are not a batch").isEqualTo(expected == null);
    }

    /**
     * The batch format written out on its own: one or more whole 3,073-byte records, label byte below 10, then 3,072
     * pixels (an empty file holds no records, and a read that finds no images at all is refused).
     *
     * @return the data set the bytes define, or {@code null} if they are no batch
     */
    private static Summary definedBatch(byte[] bytes) {
        if (bytes.length == 0 || bytes.length % 3073 != 0) {
            return null;
        }
        List<byte[]> images = new ArrayList<>();
        int[] labels = new int[bytes.length / 3073];
        List<Origin> origins = new ArrayList<>();
        for (int r = 0; r < labels.length; r++) {
            labels[r] = bytes[r * 3073] & 0xFF;
            if (labels[r] > 9) {
                return null;
            }
            images.add(Arrays.copyOfRange(bytes, r * 3073 + 1, (r + 1) * 3073));
            origins.add(new Origin("data_batch_2.bin", r));
        }
        return Summary.of(CifarDataset.of(images, labels, origins, Cifar10.CLASS_NAMES), null);
    }

    @Property(tries = 200)
    void batches_meta_txt_of_random_or_mutated_bytes_gives_names_its_text_holds_or_names_the_file(
            @ForAll @Size(max = 80) byte[] noise, @ForAll("flips") List<int[]> flips,
            @ForAll @IntRange(min = 0, max = 2) int kind) throws IOException {
        byte[] meta = Tiny.meta(Cifar10.CLASS_NAMES);
        byte[] bytes = switch (kind) {
            case 0 -> noise;
            case 1 -> Arrays.copyOf(meta, noise.length % (meta.length + 1));
            default -> {
                byte[] flipped = meta.clone();
                for (int[] f : flips) {
                    flipped[f[0] % flipped.length] ^= (byte) f[1];
                }
                yield flipped;
            }
        };
        Path folder = Tiny.folder(fresh("meta"), Map.of(BatchFormat.META, bytes));
        Path file = folder.resolve(BatchFormat.META);
        List<String> names;
        try {
            names = Cifar10.open(folder).classNames();
        } catch (CifarFormatException e) {
            assertThat(e.getMessage()).contains(file.toString());
            return;
        }
        // what the format defines: UTF-8 (BOM dropped), one name a line, stripped, blank lines skipped
        String text = new String(bytes, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
        assertThat(text).doesNotContain("\uFFFD");
        List<String> lines = Stream.of(text.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertThat(names).isEqualTo(lines).doesNotHaveDuplicates().hasSizeBetween(1, 256);
        assertThat(String.join("", names).chars()).noneMatch(Character::isISOControl);
    }

    @Property(tries = 100)
    void batches_meta_txt_spelled_differently_reads_the_same_names(
            @ForAll boolean bom, @ForAll boolean crlf, @ForAll @IntRange(min = 0, max = 3) int padding,
            @ForAll boolean archive) throws IOException {
        StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
        String pad = " \t".repeat(padding);
        for (String name : Cifar10.CLASS_NAMES) {
            text.append(pad).append(name).append(pad).append(crlf ? "\r\n" : "\n").append(padding > 1 ? "\n" : "");
        }
        Map<String, byte[]> files = new LinkedHashMap<>(RELEASE);
        files.put(BatchFormat.META, text.toString().getBytes(StandardCharsets.UTF_8));
        Path release = archive ? Tiny.tarGz(DIR.resolve("spelled.tar.gz"), files) : Tiny.folder(fresh("spelled"), files);

        assertThat(readRelease(release)).isEqualTo(VALID_ARCHIVE);
    }

    // ---- image folders ---------------------------------------------------------------------------------------------

    @Example
    void an_image_folder_with_a_png_or_jpeg_cut_at_any_offset_reads_identically_or_names_the_file()
            throws IOException {
        for (boolean png : new boolean[] {true, false}) {
            byte[] valid = png ? PNG : JPEG;
            int failures = 0;
            for (int length = 0; length < valid.length; length++) {
                byte[] cut = Arrays.copyOf(valid, length);
                Path folder = imageFolder("cut", png ? cut : PNG, png ? JPEG : cut);
                Path file = folder.resolve(png ? "cat/a.png" : "dog/b.jpg");
                failures += identicalOrNamed(() -> readImages(folder), VALID_FOLDER, file) ? 1 : 0;
            }
            assertThat(failures).as("a PNG must reach its IEND chunk, a JPEG its end-of-image marker")
                    .isEqualTo(valid.length);
        }
    }

    @Example
    void an_image_folder_with_a_bmp_gif_or_tiff_cut_at_any_offset_reads_identically_or_names_the_file()
            throws IOException {
        for (String format : List.of("bmp", "gif", "tiff")) {
            byte[] valid = encoded(format);
            Path validFolder = imageFolder("valid-" + format, PNG, JPEG);
            Files.write(validFolder.resolve("dog/c." + format), valid);
            Summary validSummary = readImages(validFolder);
            int failures = 0;
            for (int length = 0; length < valid.length; length++) {
                Path folder = imageFolder("cut-" + format, PNG, JPEG);
                Path file = Files.write(folder.resolve("dog/c." + format), Arrays.copyOf(valid, length));
                failures += identicalOrNamed(() -> readImages(folder), validSummary, file) ? 1 : 0;
            }
            assertThat(failures).as("cuts of the %s that failed", format).isPositive();
        }
    }

    @Property(tries = 200)
    void an_image_folder_with_flipped_bmp_bytes_reads_identically_pixels_aside_or_names_the_file(
            @ForAll("flips") List<int[]> flips) throws IOException {
        // a BMP has no checksum: a flipped pixel byte is another valid image, so only the outcome's kind is checked
        byte[] bytes = encoded("bmp");
        for (int[] flip : flips) {
            bytes[flip[0] % bytes.length] ^= (byte) flip[1];
        }
        Path folder = imageFolder("flipped-bmp", PNG, JPEG);
        Path file = Files.write(folder.resolve("dog/c.bmp"), bytes);
        try {
            assertThat(ImageFolder.read(folder).size()).isEqualTo(3);
        } catch (CifarFormatException e) {
            assertThat(e.getMessage()).contains(file.toString());
        }
    }

    @Property(tries = 200)
    void an_image_folder_with_flipped_png_bytes_reads_identically_or_names_the_file(
            @ForAll("flips") List<int[]> flips) throws IOException {
        byte[] bytes = PNG.clone();
        for (int[] flip : flips) {
            bytes[flip[0] % bytes.length] ^= (byte) flip[1];
        }
        Path folder = imageFolder("flipped", bytes, JPEG);
        identicalOrNamed(() -> readImages(folder), VALID_FOLDER, folder.resolve("cat/a.png"));
    }

    @Property(tries = 100)
    void random_bytes_as_an_image_are_named(@ForAll @Size(max = 300) byte[] noise, @ForAll boolean pngSignature)
            throws IOException {
        byte[] bytes = pngSignature ? concat(Arrays.copyOf(PNG, 8), noise) : noise;
        Path folder = imageFolder("noise", bytes, JPEG);
        assertThat(identicalOrNamed(() -> readImages(folder), VALID_FOLDER, folder.resolve("cat/a.png"))).isTrue();
    }

    @Provide
    Arbitrary<List<int[]>> flips() {
        Arbitrary<int[]> flip = Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .flatMap(at -> Arbitraries.integers().between(1, 255).map(xor -> new int[] {at, xor}));
        return flip.list().ofMinSize(1).ofMaxSize(3);
    }

    // ---- fixtures --------------------------------------------------------------------------------------------------

    private static int folders;

    /** A new empty folder for one try (folders cannot be overwritten in place like files). */
    private static Path fresh(String prefix) throws IOException {
        return Files.createDirectories(DIR.resolve(prefix + "-" + folders++));
    }

    /** An image folder of two classes: {@code cat/a.png} and {@code dog/b.jpg} with the given bytes. */
    private static Path imageFolder(String prefix, byte[] png, byte[] jpeg) throws IOException {
        Path folder = fresh(prefix);
        Files.createDirectories(folder.resolve("cat"));
        Files.createDirectories(folder.resolve("dog"));
        Files.write(folder.resolve("cat/a.png"), png);
        Files.write(folder.resolve("dog/b.jpg"), jpeg);
        return folder;
    }

    private static BufferedImage picture(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static byte[] smallPng() throws IOException {
        Path file = DIR.resolve("small.png");
        assertThat(ImageIO.write(picture(7, 5, 1), "png", file.toFile())).isTrue();
        return Files.readAllBytes(file);
    }

    /** A small picture in one of ImageIO's other formats (bmp, gif, tiff). */
    private static byte[] encoded(String format) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(ImageIO.write(picture(6, 4, 3), format, out)).isTrue();
        return out.toByteArray();
    }

    private static byte[] smallJpeg() throws IOException {
        Path file = DIR.resolve("small.jpg");
        assertThat(ImageIO.write(picture(16, 16, 2), "jpg", file.toFile())).isTrue();
        return Files.readAllBytes(file);
    }

    private static int endOfArchive(byte[] tar) {
        List<Integer> headers = UntrustedArchiveTest.headerOffsets(tar);
        int last = headers.get(headers.size() - 1);
        long size = Long.parseLong(new String(tar, last + 124, 11, StandardCharsets.ISO_8859_1).trim(), 8);
        return last + 512 + (int) ((size + 511) / 512 * 512);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @AfterContainer
    static void removeTemporaryFiles() throws IOException {
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A read that may fail with an {@link IOException}. */
    @FunctionalInterface
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    /** Something computed once for the class that may fail with an {@link IOException}. */
    @FunctionalInterface
    private interface IoValue<T> {
        T get() throws IOException;
    }

    private static <T> T uncheck(IoValue<T> value) {
        try {
            return value.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
