package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.io.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image files built to exhaust or confuse the decoder, and image folders laid out the wrong way. */
class UntrustedImageTest {

    @TempDir
    Path dir;

    /** A PNG chunk: length, type, data, CRC-32 of type and data. */
    static byte[] chunk(String type, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(12 + data.length);
        out.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 4, 4 + data.length);
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * A valid PNG of the given size, every pixel 0, colour type 0 (gray) or 6 (RGBA), with rows that deflate to
     * almost nothing; {@code rows} limits how many rows the IDAT really holds (a header may promise more).
     */
    static byte[] png(int width, int height, int colourType, int rows) throws IOException {
        int bytesPerPixel = colourType == 6 ? 4 : 1;
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(idat, new Deflater(1), 1 << 16)) {
            byte[] row = new byte[1 + width * bytesPerPixel];
            for (int y = 0; y < rows; y++) {
                zlib.write(row);
            }
        }
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        file.write(chunk("IHDR", ihdr.array()));
        file.write(chunk("IDAT", idat.toByteArray()));
        file.write(chunk("IEND", new byte[0]));
        return file.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        return Files.write(dir.resolve(name), bytes);
    }

    private Path solidPng(String name, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x123456);
        Files.createDirectories(dir.resolve(name).getParent());
        assertThat(ImageIO.write(image, "png", dir.resolve(name).toFile())).isTrue();
        return dir.resolve(name);
    }

    @Test
    void a_small_png_that_declares_20000_by_20000_pixels_is_refused_from_its_header() throws IOException {
        Path bomb = write("bomb.png", png(20_000, 20_000, 0, 1));
        assertThat(Files.size(bomb)).isLessThan(1_000);

        // the exact message is the header check's: a decode would have failed differently (or not at all)
        assertThatThrownBy(() -> CifarImages.read(bomb))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(bomb + ": image is 20000×20000 pixels (400,000,000 pixels), more than the limit of "
                        + "50,000,000 pixels (CifarImages.MAX_PIXELS); shrink it before reading");
    }

    @Test
    void a_png_just_over_the_limit_is_refused() throws IOException {
        Path over = write("over.png", png(10_001, 5_000, 0, 1));

        assertThat(CifarImages.MAX_PIXELS).isEqualTo(50_000_000L);
        assertThatThrownBy(() -> CifarImages.read(over))
                .hasMessageStartingWith(over + ": image is 10001×5000 pixels (50,005,000 pixels), more than the limit");
    }

    @Test
    void running_out_of_memory_while_decoding_is_a_message_naming_the_file_not_an_error() throws Exception {
        Path big = write("big.png", png(3_000, 3_000, 6, 3_000));    // 36 MB decoded, in a 32 MB heap

        String output = decodeInChild(big, "-Xmx32m");

        assertThat(output).startsWith("CifarFormatException: " + big + ": not enough memory to decode the 3000×3000 "
                + "image with at most ");
        assertThat(output).contains(" MB of Java heap; give Java more with -Xmx, for example java -Xmx8g ...")
                .doesNotContain("Caught exception during read");
    }

    /** Reads an image in a child JVM with the given heap; returns what {@link DecodeOneImage} printed. */
    private static String decodeInChild(Path image, String heap) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap, "-cp", System.getProperty("java.class.path"), DecodeOneImage.class.getName(), image.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }

    @Test
    void a_png_whose_chunk_fails_its_crc_is_refused_though_imageio_would_decode_it() throws IOException {
        byte[] bytes = Files.readAllBytes(solidPng("good.png", 40, 30));
        int idat = indexOf(bytes, "IDAT");
        bytes[idat + 4 + 3] ^= 0x01;    // inside the compressed rows: ImageIO decodes other pixels without a word
        Path bad = write("bad.png", bytes);

        assertThatThrownBy(() -> CifarImages.read(bad))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(bad + ": unreadable image (corrupt PNG: chunk 'IDAT' at byte " + (idat - 4)
                        + " fails its CRC-32)");
    }

    @Test
    void a_png_cut_before_its_iend_chunk_is_refused() throws IOException {
        byte[] bytes = Files.readAllBytes(solidPng("good.png", 40, 30));
        Path cut = write("cut.png", Arrays.copyOf(bytes, bytes.length - 12));

        assertThatThrownBy(() -> CifarImages.read(cut))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(cut + ": unreadable image (truncated PNG: ends at byte " + (bytes.length - 12)
                        + " before its IEND chunk)");
    }

    @Test
    void a_jpeg_cut_in_its_scan_is_refused_instead_of_decoded_half_gray() throws IOException {
        BufferedImage photo = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                photo.setRGB(x, y, x * 4 << 16 | y * 4 << 8 | (x ^ y) * 4);
            }
        }
        Path good = dir.resolve("good.jpg");
        assertThat(ImageIO.write(photo, "jpg", good.toFile())).isTrue();
        byte[] bytes = Files.readAllBytes(good);
        Path cut = write("cut.jpg", Arrays.copyOf(bytes, bytes.length * 3 / 4));
        Path noEnd = write("no-end.jpg", Arrays.copyOf(bytes, bytes.length - 2));
        byte[] trailer = Arrays.copyOf(bytes, bytes.length + 100);
        trailer[bytes.length + 7] = (byte) 0xFF;    // what some cameras append after the end-of-image marker
        Path appended = write("appended.jpg", trailer);

        assertThatThrownBy(() -> CifarImages.read(cut))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(cut + ": unreadable image (truncated JPEG: ends at byte " + bytes.length * 3 / 4
                        + " before its end-of-image marker)");
        assertThatThrownBy(() -> CifarImages.read(noEnd))
                .hasMessageStartingWith(noEnd + ": unreadable image (truncated JPEG");
        assertThat(CifarImages.read(appended)).isEqualTo(CifarImages.read(good));
    }

    @Test
    void a_progressive_jpeg_of_several_scans_passes_the_end_check_and_decodes_as_imageio_does()
            throws IOException {
        BufferedImage photo = new BufferedImage(80, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 80; x++) {
                photo.setRGB(x, y, (x * 3 & 0xFF) << 16 | (y * 5 & 0xFF) << 8 | (x * y & 0xFF));
            }
        }
        Path progressive = dir.resolve("progressive.jpg");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(progressive.toFile())) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(photo, null, null), param);
        } finally {
            writer.dispose();
        }

        assertThat(CifarImages.read(progressive))
                .isEqualTo(CifarImages.toCifarPixels(ImageIO.read(progressive.toFile())));
    }

    @Test
    void a_very_tall_thin_image_is_resized_in_bounded_memory() throws Exception {
        // 300,000 rows of one gray pixel: 0.6 MB decoded; resizing once took 96 doubles a source row (230 MB)
        Path tall = write("tall.png", png(1, 300_000, 0, 300_000));

        assertThat(decodeInChild(tall, "-Xmx48m")).isEqualTo("ok 0");
    }

    @Test
    void a_folder_of_images_without_class_subfolders_says_what_it_found() throws IOException {
        for (int i = 0; i < 12; i++) {
            solidPng("flat/" + i + ".png", 32, 32);
        }
        Files.writeString(dir.resolve("flat/notes.txt"), "x");
        Path flat = dir.resolve("flat");

        String expected = flat + ": no class subfolders found%s (found 12 images and 1 other file at the top level); "
                + "expected one subfolder per class, for example " + flat.resolve("cat").resolve("1.png");
        assertThatThrownBy(() -> ImageFolder.read(flat))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(String.format(expected, ""));
        assertThatThrownBy(() -> ImageFolder.read(flat, Cifar10.CLASS_NAMES))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(String.format(expected, " named after any of the classes " + Cifar10.CLASS_NAMES));
    }

    @Test
    void a_zero_byte_image_of_any_format_says_empty_file_naming_it_alone_and_in_a_folder() throws IOException {
        // GIVEN 0-byte files named as images (the old reader called an empty .png "truncated JPEG: ends at byte 0")
        for (String name : List.of("empty.png", "empty.jpg", "empty.bmp", "empty.gif")) {
            Path empty = write("alone/" + name, new byte[0]);
            // WHEN / THEN
            assertThatThrownBy(() -> CifarImages.read(empty))
                    .isInstanceOf(CifarFormatException.class)
                    .hasMessage(empty + ": empty file (0 bytes), not an image");
        }
        solidPng("photos/cat/1.png", 32, 32);
        Path emptyInFolder = write("photos/dog/2.png", new byte[0]);
        assertThatThrownBy(() -> ImageFolder.read(dir.resolve("photos")))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(emptyInFolder + ": empty file (0 bytes), not an image");
    }

    @Test
    void an_empty_folder_says_it_is_empty() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        assertThatThrownBy(() -> ImageFolder.read(empty))
                .hasMessageStartingWith(empty + ": no class subfolders found (the folder is empty)");
    }

    @Test
    void a_class_folder_that_is_a_symbolic_link_is_read_with_origins_under_the_class() throws IOException {
        solidPng("library/cats/1.png", 32, 32);
        Files.createDirectories(dir.resolve("photos"));
        Files.createSymbolicLink(dir.resolve("photos/cat"), dir.resolve("library/cats"));

        CifarDataset data = ImageFolder.read(dir.resolve("photos"));

        assertThat(data.classNames()).containsExactly("cat");
        assertThat(data.origins()).containsExactly(new Origin("cat/1.png", 0));
    }

    @Test
    void a_class_name_that_is_a_path_never_reads_outside_the_folder() throws IOException {
        solidPng("photos/cat/1.png", 32, 32);
        solidPng("secret/1.png", 32, 32);

        CifarDataset data = ImageFolder.read(dir.resolve("photos"), List.of("cat", "../secret"));

        assertThat(data.size()).isEqualTo(1);
        assertThat(data.classCounts()).containsExactly(1, 0);
    }

    @Test
    void decoder_failures_are_described_by_their_cause_never_by_null_or_an_empty_wrapper() {
        IOException wrapped = new javax.imageio.IIOException("Caught exception during read: ",
                new IllegalStateException("row 7 is short"));
        IOException bare = new javax.imageio.IIOException("Caught exception during read: ",
                new NegativeArraySizeException());
        IOException repeated = new IOException(new java.util.zip.ZipException("invalid distance too far back"));

        assertThat(Messages.causes(wrapped)).isEqualTo("row 7 is short");
        assertThat(Messages.causes(bare)).isEqualTo("NegativeArraySizeException");
        assertThat(Messages.causes(repeated)).isEqualTo("invalid distance too far back");
        assertThat(Messages.causes(new java.io.EOFException())).isEqualTo("the file ends early");
    }

    private static int indexOf(byte[] bytes, String type) {
        byte[] needle = type.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException(type + " not found");
    }

    /** Reads one image in a child JVM; prints the exception's class and message, exit 2; or "ok", exit 0. */
    static final class DecodeOneImage {
        public static void main(String[] args) {
            try {
                byte[] pixels = CifarImages.read(Path.of(args[0]));
                System.out.println("ok " + pixels[0]);
            } catch (IOException e) {
                System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
                System.exit(2);
            }
        }
    }
}
