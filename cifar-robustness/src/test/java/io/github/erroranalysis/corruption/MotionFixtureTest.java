package io.github.erroranalysis.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Motion blur, snow and spatter against the reference run by {@code src/test/python/make_motion_fixture.py}
 * (ImageMagick 6.9.11 Q16 through wand, OpenCV 4.6, skimage 0.19, SciPy 1.10) on the first images of the bundled
 * sample with the random draws fixed (motion blur's angle; snow's and spatter's normal layers, and snow's angle), and
 * their statistics with random draws against the reference's over 200 images.
 */
class MotionFixtureTest {

    /**
     * The values per image allowed to differ by 1 from the reference (of 3,072). Measured: none at all, for every
     * severity of the three; the slack is for a JVM whose {@code Math.exp}, {@code sin} or {@code cos} differs from
     * glibc's in the last bit, which can flip a 16-bit rounding (motion blur) or a threshold (the layers).
     */
    static final int MAX_DIFFERING = 3;

    /** The images of the bundled sample. */
    static CifarDataset sample;

    /** Reads the bundled sample once. */
    @BeforeAll
    static void readSample() throws IOException {
        sample = Cifar10.open(DeterministicFixtureTest.SAMPLE).batch("validation_sample.bin");
    }

    /** Motion blur at the fixture's angles equals ImageMagick's MotionBlurImage (measured: on every value). */
    @Test
    void motionBlurEqualsImageMagicksAtFixedAngles() throws IOException {
        assertClose("motion_blur", null);
    }

    /** Snow with the fixture's snow layers and angles equals the reference's (measured: on every value). */
    @Test
    void snowEqualsTheReferenceWithItsDraws() throws IOException {
        assertClose("snow", null);
    }

    /** Spatter with the fixture's liquid layers equals the reference's (measured: on every value). */
    @Test
    void spatterEqualsTheReferenceWithItsDraws() throws IOException {
        assertClose("spatter", null);
    }

    /**
     * The three on all 1,000 sample images when {@code -Dcorruption.motion.all=DIR} names the folder written by
     * {@code make_motion_fixture.py REF --check-all} (a manual check; skipped otherwise).
     */
    @Test
    void allSampleImagesWhenAsked() throws IOException {
        String dir = System.getProperty("corruption.motion.all");
        assumeTrue(dir != null, "-Dcorruption.motion.all=DIR not given");
        for (String name : new String[] {"motion_blur", "snow", "spatter"}) {
            assertClose(name, Path.of(dir));
        }
    }

    /** Compares one corruption with its fixture (from the test resources when dir is null) at every severity. */
    private static void assertClose(String name, Path dir) throws IOException {
        byte[][][] reference = bytes(dir, name + ".npy.gz");
        int n = reference[0].length;
        double[][] layers = name.equals("motion_blur") ? null : doubles(dir, name + "_layers.npy.gz", 5 * n);
        double[][] angles = name.equals("spatter") ? null : doubles(dir, name + "_angles.npy.gz", 5);
        for (int s = 1; s <= 5; s++) {
            int severity = s;
            long[] diff = compare(reference[s - 1], i -> switch (name) {
                case "motion_blur" -> Motion.motionBlur(sample.pixels(i), severity, angles[severity - 1][i]);
                case "snow" -> Motion.snow(sample.pixels(i), severity, layers[(severity - 1) * n + i],
                        angles[severity - 1][i]);
                default -> Spatter.spatter(sample.pixels(i), severity, layers[(severity - 1) * n + i]);
            });
            report(name, s, diff, n);
            assertThat(diff[0]).as("%s severity %d: max |java - reference|", name, s).isLessThanOrEqualTo(1);
            assertThat(diff[1]).as("%s severity %d: values differing", name, s)
                    .isLessThanOrEqualTo((long) MAX_DIFFERING * n);
        }
    }

    /**
     * Over the first 200 sample images with random draws, each severity's mean signed change, mean absolute change
     * and fraction of changed values are those of the reference with NumPy's draws
     * ({@code fixtures/motion_statistics.json}) within 4 standard errors of the difference of two means over 200
     * images (the spread over images is the reference's), plus 0.05 grey levels or 0.002 of fraction for the
     * statistics that barely vary.
     */
    @Test
    void randomStatisticsAreTheReferences() throws IOException {
        String json;
        try (InputStream in = MotionFixtureTest.class.getResourceAsStream("fixtures/motion_statistics.json")) {
            assertThat(in).as("fixtures/motion_statistics.json").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("\"name\": \"(\\w+)\",\\s*\"severity\": (\\d),\\s*\"meanChange\": ([-\\d.e]+),"
                + "\\s*\"meanChangeSd\": ([-\\d.e]+),\\s*\"meanAbsChange\": ([-\\d.e]+),\\s*\"meanAbsChangeSd\": "
                + "([-\\d.e]+),\\s*\"changedFraction\": ([-\\d.e]+),\\s*\"changedFractionSd\": ([-\\d.e]+)")
                .matcher(json);
        int images = 200;
        int cells = 0;
        while (m.find()) {
            Corruption corruption = Corruption.byName(m.group(1));
            int severity = Integer.parseInt(m.group(2));
            double[] java = new double[3];
            double[][] per = new double[images][3];
            for (int i = 0; i < images; i++) {
                byte[] clean = sample.pixels(i);
                byte[] out = corruption.apply(clean, severity, Seeds.forImage(17, corruption, severity, i));
                per[i] = change(clean, out);
                for (int k = 0; k < 3; k++) {
                    java[k] += per[i][k] / images;
                }
            }
            String[] names = {"mean change", "mean |change|", "changed fraction"};
            double[] slack = {0.05, 0.05, 0.002};
            for (int k = 0; k < 3; k++) {
                double ref = Double.parseDouble(m.group(3 + 2 * k));
                double sd = Double.parseDouble(m.group(4 + 2 * k));
                double tolerance = 4 * sd * Math.sqrt(2.0 / images) + slack[k];
                System.out.printf(Locale.ROOT, "%s severity %d %s: java %.4f reference %.4f (tolerance %.4f)%n",
                        corruption.id(), severity, names[k], java[k], ref, tolerance);
                assertThat(java[k]).as("%s severity %d: %s", corruption.id(), severity, names[k])
                        .isCloseTo(ref, within(tolerance));
            }
            cells++;
        }
        assertThat(cells).as("cells in motion_statistics.json").isEqualTo(15);
    }

    /** The same seed gives the same bytes, another seed other bytes, and the input is not changed. */
    @Test
    void sameSeedSameBytesAndInputUntouched() {
        byte[] image = sample.pixels(3);
        byte[] copy = image.clone();
        for (Corruption c : new Corruption[] {Corruption.MOTION_BLUR, Corruption.SNOW, Corruption.SPATTER}) {
            for (int s = 1; s <= 5; s++) {
                byte[] first = c.apply(image, s, 42);
                assertThat(c.apply(image, s, 42)).as("%s severity %d, seed 42 twice", c, s).isEqualTo(first);
                assertThat(c.apply(image, s, 43)).as("%s severity %d, seeds 42 and 43", c, s).isNotEqualTo(first);
                assertThat(image).as("input after %s", c).isEqualTo(copy);
            }
        }
    }

    /** The kernel is ImageMagick's: 2 ceil(radius) + 1 one-sided Gaussian taps summing to 1, offsets along the angle. */
    @Test
    void kernelIsImageMagicks() {
        Motion.Kernel k = Motion.kernel(6, 1, 0);
        assertThat(k.weights()).hasSize(13);
        assertThat(Arrays.stream(k.weights()).sum()).isCloseTo(1, within(1e-12));
        assertThat(k.weights()[1] / k.weights()[0]).isCloseTo(Math.exp(-0.5), within(1e-12));
        assertThat(k.dx()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(k.dy()).containsOnly(0);
        Motion.Kernel down = Motion.kernel(8, 3, -90);
        assertThat(down.weights()).hasSize(17);
        assertThat(down.dx()).containsOnly(0);
        assertThat(down.dy()[16]).isEqualTo(-16);
    }

    /** A function from an image index to the Java output. */
    interface Output {
        /** The Java output for image i. */
        byte[] of(int i);
    }

    /** Returns {max, values differing, sum} of |java - reference| over the images of one severity. */
    static long[] compare(byte[][] reference, Output java) {
        long[] diff = new long[3];
        for (int i = 0; i < reference.length; i++) {
            byte[] out = java.of(i);
            for (int p = 0; p < out.length; p++) {
                int d = Math.abs((out[p] & 0xFF) - (reference[i][p] & 0xFF));
                diff[0] = Math.max(diff[0], d);
                diff[1] += d == 0 ? 0 : 1;
                diff[2] += d;
            }
        }
        return diff;
    }

    private static void report(String name, int severity, long[] diff, int images) {
        System.out.printf(Locale.ROOT, "%s severity %d: max %d, values differing %d of %d, mean |diff| %.6f%n",
                name, severity, diff[0], diff[1], images * Corruption.IMAGE_BYTES,
                diff[2] / (double) images / Corruption.IMAGE_BYTES);
    }

    /** Returns {mean signed change, mean |change|, fraction changed} of one image in grey levels. */
    static double[] change(byte[] clean, byte[] out) {
        double[] c = new double[3];
        for (int p = 0; p < clean.length; p++) {
            int d = (out[p] & 0xFF) - (clean[p] & 0xFF);
            c[0] += d;
            c[1] += Math.abs(d);
            c[2] += d == 0 ? 0 : 1;
        }
        for (int k = 0; k < 3; k++) {
            c[k] /= clean.length;
        }
        return c;
    }

    /** Reads a gzip'd uint8 fixture of shape (5, n, 3072) from dir (the test resources when null). */
    static byte[][][] bytes(Path dir, String name) throws IOException {
        Npy npy = npy(dir, name);
        assertThat(npy.descr()).as("%s dtype", name).isEqualTo("|u1");
        int n = npy.shape()[1];
        byte[][][] out = new byte[5][n][Corruption.IMAGE_BYTES];
        for (int s = 0; s < 5; s++) {
            for (int i = 0; i < n; i++) {
                npy.data().get(out[s][i]);
            }
        }
        return out;
    }

    /** Reads a gzip'd float32 or float64 fixture as rows from dir (the test resources when null). */
    static double[][] doubles(Path dir, String name, int rows) throws IOException {
        Npy npy = npy(dir, name);
        int total = 1;
        for (int d : npy.shape()) {
            total *= d;
        }
        int columns = total / rows;
        double[][] out = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[r][c] = npy.descr().equals("<f4") ? npy.data().getFloat() : npy.data().getDouble();
            }
        }
        return out;
    }

    /**
     * A read .npy: its dtype, shape and data.
     *
     * @param descr the dtype
     * @param shape the shape
     * @param data the little-endian data
     */
    record Npy(String descr, int[] shape, ByteBuffer data) {
    }

    private static Npy npy(Path dir, String name) throws IOException {
        try (InputStream raw = dir == null ? MotionFixtureTest.class.getResourceAsStream("fixtures/" + name)
                : Files.newInputStream(dir.resolve(name))) {
            assertThat(raw).as("test resource fixtures/%s", name).isNotNull();
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            byte[] magic = new byte[8];
            in.readFully(magic);
            int headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            byte[] header = new byte[headerLength];
            in.readFully(header);
            String text = new String(header, StandardCharsets.ISO_8859_1);
            Matcher descr = Pattern.compile("'descr': '([^']+)'").matcher(text);
            Matcher shape = Pattern.compile("'shape': \\(([\\d, ]*)\\)").matcher(text);
            assertThat(descr.find() && shape.find() && text.contains("'fortran_order': False"))
                    .as("fixtures/%s header %s", name, text).isTrue();
            int[] dims = Arrays.stream(shape.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            return new Npy(descr.group(1), dims, ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN));
        }
    }
}
