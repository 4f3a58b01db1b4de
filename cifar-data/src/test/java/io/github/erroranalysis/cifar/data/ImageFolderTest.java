package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads photos of any size and kind from class folders, and converts single images. */
class ImageFolderTest {

    @TempDir
    Path dir;

    private static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static int red(byte[] px, int x, int y) {
        return px[y * 32 + x] & 0xFF;
    }

    private static int green(byte[] px, int x, int y) {
        return px[1024 + y * 32 + x] & 0xFF;
    }

    private static int blue(byte[] px, int x, int y) {
        return px[2048 + y * 32 + x] & 0xFF;
    }

    private Path png(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
        return file;
    }

    @Test
    void a_32x32_rgb_image_passes_unchanged_into_the_planar_layout() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, (x * 8) << 16 | (y * 8) << 8 | (x + y));
            }
        }

        byte[] px = CifarImages.toCifarPixels(image);

        assertThat(px).hasSize(3072);
        assertThat(red(px, 5, 9)).isEqualTo(40);
        assertThat(green(px, 5, 9)).isEqualTo(72);
        assertThat(blue(px, 5, 9)).isEqualTo(14);
        assertThat(CifarImages.toImage(px).getRGB(31, 30) & 0xFFFFFF).isEqualTo(image.getRGB(31, 30) & 0xFFFFFF);
    }

    @Test
    void a_64x64_image_becomes_the_means_of_its_2x2_blocks_rounded_half_up() {
        BufferedImage image = solid(64, 64, 0);
        image.setRGB(2, 4, 10 << 16);
        image.setRGB(3, 4, 20 << 16);
        image.setRGB(2, 5, 30 << 16);
        image.setRGB(3, 5, 41 << 16); // sum 101, mean 25.25 -> 25
        image.setRGB(10, 10, 1 << 8);
        image.setRGB(11, 10, 1 << 8); // mean 0.5 -> 1

        byte[] px = CifarImages.toCifarPixels(image);

        assertThat(red(px, 1, 2)).isEqualTo(25);
        assertThat(green(px, 5, 5)).isEqualTo(1);
        assertThat(red(px, 0, 0)).isZero();
    }

    @Test
    void a_96x32_image_averages_three_columns_per_pixel() {
        BufferedImage image = solid(96, 32, 0);
        image.setRGB(3, 0, 30);
        image.setRGB(4, 0, 60);
        image.setRGB(5, 0, 90);

        assertThat(blue(CifarImages.toCifarPixels(image), 1, 0)).isEqualTo(60);
    }

    @Test
    void big_and_odd_sized_solid_images_stay_exactly_that_colour() {
        for (int[] size : new int[][] {{1000, 701}, {33, 47}, {1, 1}, {7, 500}}) {
            byte[] px = CifarImages.toCifarPixels(solid(size[0], size[1], 200 << 16 | 100 << 8 | 3));
            assertThat(Arrays.copyOfRange(px, 0, 1024)).as("red of %s", Arrays.toString(size)).containsOnly((byte) 200);
            assertThat(Arrays.copyOfRange(px, 1024, 2048)).containsOnly((byte) 100);
            assertThat(Arrays.copyOfRange(px, 2048, 3072)).containsOnly((byte) 3);
        }
    }

    @Test
    void a_small_image_is_enlarged_bilinearly_between_pixel_centres() {
        BufferedImage image = solid(16, 16, 0);
        image.setRGB(0, 0, 100 << 16);
        image.setRGB(1, 0, 200 << 16);

        byte[] px = CifarImages.toCifarPixels(image);

        assertThat(red(px, 0, 0)).isEqualTo(100);           // edge clamped onto pixel 0
        assertThat(red(px, 1, 0)).isEqualTo(125);           // 0.75 * 100 + 0.25 * 200
        assertThat(red(px, 2, 0)).isEqualTo(175);           // 0.25 * 100 + 0.75 * 200
    }

    @Test
    void a_grayscale_png_keeps_its_gray_levels_in_all_three_channels() throws IOException {
        BufferedImage gray = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(3, 4, 0, 128);
        gray.getRaster().setSample(4, 4, 0, 37);
        Path file = png(dir.resolve("gray.png"), gray);

        byte[] px = CifarImages.read(file);

        assertThat(new int[] {red(px, 3, 4), green(px, 3, 4), blue(px, 3, 4)}).containsExactly(128, 128, 128);
        assertThat(red(px, 4, 4)).isEqualTo(37);
        assertThat(blue(px, 0, 0)).isZero();
    }

    @Test
    void a_16_bit_grayscale_image_is_scaled_to_8_bits() {
        BufferedImage gray = new BufferedImage(32, 32, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSample(1, 1, 0, 65535);
        gray.getRaster().setSample(2, 1, 0, 257 * 60);

        byte[] px = CifarImages.toCifarPixels(gray);

        assertThat(green(px, 1, 1)).isEqualTo(255);
        assertThat(green(px, 2, 1)).isEqualTo(60);
    }

    @Test
    void transparent_pixels_are_composited_on_white() throws IOException {
        BufferedImage argb = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00000000);           // fully transparent black -> white
        argb.setRGB(1, 0, 0x80FF0000);           // half-transparent red (alpha 128)
        argb.setRGB(2, 0, 0xFF102030);           // opaque
        byte[] px = CifarImages.read(png(dir.resolve("alpha.png"), argb));

        assertThat(new int[] {red(px, 0, 0), green(px, 0, 0), blue(px, 0, 0)}).containsExactly(255, 255, 255);
        assertThat(new int[] {red(px, 1, 0), green(px, 1, 0), blue(px, 1, 0)}).containsExactly(255, 127, 127);
        assertThat(new int[] {red(px, 2, 0), green(px, 2, 0), blue(px, 2, 0)}).containsExactly(16, 32, 48);
    }

    @Test
    void a_grayscale_png_with_alpha_is_composited_on_white_without_gamma_change() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(32, 32);
        raster.setSample(0, 0, 0, 100);
        raster.setSample(0, 0, 1, 255);           // opaque gray 100
        raster.setSample(1, 0, 0, 0);
        raster.setSample(1, 0, 1, 0);             // transparent -> white
        BufferedImage image = new BufferedImage(model, raster, false, null);
        byte[] px = CifarImages.read(png(dir.resolve("gray-alpha.png"), image));

        assertThat(red(px, 0, 0)).isEqualTo(100);
        assertThat(blue(px, 1, 0)).isEqualTo(255);
    }

    @Test
    void a_palette_png_with_a_transparent_entry_reads_its_colours() throws IOException {
        byte[] r = {(byte) 250, 0};
        byte[] g = {10, 0};
        byte[] b = {20, 0};
        IndexColorModel palette = new IndexColorModel(1, 2, r, g, b, 1);
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_BINARY, palette);
        image.getRaster().setSample(5, 5, 0, 0);
        for (int x = 0; x < 32; x++) {
            image.getRaster().setSample(x, 0, 0, 1);
        }
        byte[] px = CifarImages.read(png(dir.resolve("palette.png"), image));

        assertThat(new int[] {red(px, 5, 5), green(px, 5, 5), blue(px, 5, 5)}).containsExactly(250, 10, 20);
        assertThat(new int[] {red(px, 3, 0), green(px, 3, 0), blue(px, 3, 0)}).containsExactly(255, 255, 255);
    }

    @Test
    void a_jpeg_is_read_close_to_its_colour() throws IOException {
        Path file = dir.resolve("photo.jpg");
        assertThat(ImageIO.write(solid(50, 40, 200 << 16 | 100 << 8 | 50), "jpg", file.toFile())).isTrue();

        byte[] px = CifarImages.read(file);

        assertThat(red(px, 16, 16)).isBetween(196, 204);
        assertThat(green(px, 16, 16)).isBetween(96, 104);
        assertThat(blue(px, 16, 16)).isBetween(46, 54);
    }

    @Test
    void a_folder_is_read_class_by_class_with_sorted_subfolders_and_relative_origins() throws IOException {
        Path root = dir.resolve("photos");
        png(root.resolve("dog/b.png"), solid(40, 40, 0x0000FF));
        png(root.resolve("dog/a.PNG"), solid(40, 40, 0x00FF00));
        png(root.resolve("cat/nested/z.png"), solid(10, 10, 0xFF0000));
        Files.writeString(root.resolve("cat/notes.txt"), "not an image");
        png(root.resolve("cat/.hidden.png"), solid(5, 5, 0));
        Files.createDirectories(root.resolve(".thumbnails"));

        CifarDataset data = ImageFolder.read(root);

        assertThat(data.classNames()).containsExactly("cat", "dog");
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.origins()).containsExactly(new Origin("cat/nested/z.png", 0), new Origin("dog/a.PNG", 0),
                new Origin("dog/b.png", 0));
        assertThat(data.labels()).containsExactly(0, 1, 1);
        assertThat(data.pixels(1)[1024]).isEqualTo((byte) 255);
        assertThat(data.pixels(0)).isEqualTo(CifarImages.read(root.resolve("cat/nested/z.png")));
    }

    @Test
    void every_format_imageio_reads_is_read_from_a_folder_as_predict_reads_it() throws IOException {
        // GIVEN a BMP, a GIF and a TIFF beside a PNG (the old reader skipped all but .png, .jpg and .jpeg silently)
        Path root = dir.resolve("photos");
        png(root.resolve("cat/a.png"), solid(40, 30, 0xFF0000));
        Files.createDirectories(root.resolve("dog"));
        assertThat(ImageIO.write(solid(40, 30, 0x00FF00), "bmp", root.resolve("dog/b.BMP").toFile())).isTrue();
        assertThat(ImageIO.write(solid(20, 20, 0x0000FF), "gif", root.resolve("dog/c.gif").toFile())).isTrue();
        assertThat(ImageIO.write(solid(33, 33, 0x808080), "tiff", root.resolve("dog/d.tif").toFile())).isTrue();

        // WHEN
        CifarDataset data = ImageFolder.read(root);

        // THEN every image is an example, with the pixels CifarImages.read (what predict uses) gives
        assertThat(ImageFolder.EXTENSIONS).contains("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");
        assertThat(data.origins()).containsExactly(new Origin("cat/a.png", 0), new Origin("dog/b.BMP", 0),
                new Origin("dog/c.gif", 0), new Origin("dog/d.tif", 0));
        for (int i = 0; i < data.size(); i++) {
            assertThat(data.pixels(i)).isEqualTo(CifarImages.read(root.resolve(data.origin(i).file())));
        }
        assertThat(green(data.pixels(1), 5, 5)).isEqualTo(255);
    }

    @Test
    void files_that_are_not_images_are_skipped_with_a_warning_that_counts_and_names_them() throws IOException {
        // GIVEN a folder with a note and a CSV among the photos (the old reader skipped them with no word)
        Path root = dir.resolve("photos");
        png(root.resolve("cat/a.png"), solid(32, 32, 1));
        Files.writeString(root.resolve("cat/notes.txt"), "not an image");
        png(root.resolve("dog/b.png"), solid(32, 32, 1));
        Files.writeString(root.resolve("dog/labels.csv"), "1,2");
        Files.writeString(root.resolve("dog/.DS_Store"), "hidden: skipped without a word");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();

        // WHEN
        CifarDataset data;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            data = ImageFolder.read(root);
        } finally {
            System.setErr(err);
        }

        // THEN
        assertThat(data.size()).isEqualTo(2);
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("WARN").contains(root + ": skipped 2 files that are not images: cat/notes.txt, "
                        + "dog/labels.csv (read are the extensions .bmp, .gif, .jpeg, .jpg, .png, .tif, .tiff, .wbmp)")
                .doesNotContain(".DS_Store");
    }

    @Test
    void given_class_names_set_the_labels_and_classes_without_a_folder_have_no_examples() throws IOException {
        Path root = dir.resolve("photos");
        png(root.resolve("ship/1.png"), solid(32, 32, 1));
        png(root.resolve("cat/1.png"), solid(32, 32, 2));

        CifarDataset data = ImageFolder.read(root, Cifar10.CLASS_NAMES);

        assertThat(data.classNames()).isEqualTo(Cifar10.CLASS_NAMES);
        assertThat(data.labels()).containsExactly(3, 8);
        assertThat(data.classCounts()).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 1, 0);
    }

    @Test
    void a_subfolder_that_is_not_a_given_class_is_named() throws IOException {
        Path root = dir.resolve("photos");
        png(root.resolve("cat/1.png"), solid(32, 32, 1));
        png(root.resolve("zebra/1.png"), solid(32, 32, 1));

        assertThatThrownBy(() -> ImageFolder.read(root, List.of("cat", "dog")))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(root.resolve("zebra") + ": subfolder 'zebra' is not one of the classes [cat, dog]");
    }

    @Test
    void an_empty_class_folder_is_named() throws IOException {
        Path root = dir.resolve("photos");
        png(root.resolve("cat/1.png"), solid(32, 32, 1));
        Files.createDirectories(root.resolve("dog"));
        Files.writeString(root.resolve("dog/readme.txt"), "no photos yet");

        assertThatThrownBy(() -> ImageFolder.read(root))
                .isInstanceOf(CifarFormatException.class)
                .hasMessage(root.resolve("dog") + ": class folder 'dog' holds no image (expected .bmp, .gif, .jpeg, "
                        + ".jpg, .png, .tif, .tiff, .wbmp files; found 1 file that is not an image: dog/readme.txt)");
    }

    @Test
    void an_unreadable_image_names_the_file() throws IOException {
        Path root = dir.resolve("photos");
        png(root.resolve("cat/good.png"), solid(32, 32, 1));
        Path bad = Files.write(root.resolve("cat/broken.png"), "definitely not a PNG".getBytes());

        assertThatThrownBy(() -> ImageFolder.read(root))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(bad + ": unreadable image");
    }

    @Test
    void a_truncated_png_names_the_file() throws IOException {
        Path good = png(dir.resolve("good.png"), solid(64, 64, 0x123456));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(bytes, 60));

        assertThatThrownBy(() -> CifarImages.read(cut))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageStartingWith(cut + ": unreadable image");
    }

    @Test
    void a_folder_without_class_subfolders_or_a_missing_folder_says_what_was_expected() throws IOException {
        Path flat = Files.createDirectories(dir.resolve("flat"));
        png(flat.resolve("1.png"), solid(32, 32, 1));

        assertThatThrownBy(() -> ImageFolder.read(flat))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining(flat + ": no class subfolders");
        assertThatThrownBy(() -> ImageFolder.read(dir.resolve("nowhere")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("expected a folder with one subfolder per class");
    }

    @Test
    void an_image_folder_survives_a_write_then_read_round_trip_with_its_file_origins() throws IOException {
        Path root = dir.resolve("photos");
        png(root.resolve("cat/1.png"), solid(50, 20, 0x203040));
        png(root.resolve("dog/my photo.png"), solid(32, 32, 0x405060));
        CifarDataset data = ImageFolder.read(root);

        CifarDataset back = Cifar10.open(CifarWriter.writeFolder(data, dir.resolve("bin"), "photos.bin"))
                .batch("photos.bin");

        assertThat(back.fingerprint()).isEqualTo(data.fingerprint());
        assertThat(back.origins()).containsExactly(new Origin("cat/1.png", 0), new Origin("dog/my photo.png", 0));
    }
}
