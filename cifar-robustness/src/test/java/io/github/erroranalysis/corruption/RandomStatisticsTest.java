package io.github.erroranalysis.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The random corruptions of Noise, Geometric and Weather against the reference's statistics: the fixture
 * {@code fixtures/random_statistics.json.gz}, made by {@code src/test/python/make_random_statistics.py} running
 * make_cifar_c.py's functions on the first images of the bundled sample with several NumPy seeds, holds per image the
 * mean over seeds of seven statistics (mean, std and mean absolute value of output − input in grey levels, fraction
 * of elements changed, set to 0, set to 255, mean horizontal gradient). The Java corruption is run on the same
 * images with {@link #SEEDS} seeds; per image the difference of the two means is taken, and the mean difference over
 * the images must be within {@link #SIGMAS} standard errors of 0 (its own sample standard deviation / √n, so the
 * tolerance is the sampling error of both sides with the image's own variation removed by the pairing), plus a
 * small floor ({@link #FLOOR_GREY} grey level, {@link #FLOOR_FRACTION} of the elements) for statistics that are
 * nearly constant.
 */
class RandomStatisticsTest {

    /** The bundled sample, read from the examples module. */
    static final Path SAMPLE = Path.of("../examples/src/main/resources/io/github/erroranalysis/examples/"
            + "cifar10-validation-sample.tar.gz");

    /** Seeds per image on the Java side. */
    static final int SEEDS = 3;

    /** Standard errors allowed: 280 checks, each two-sided at 4.5 sigma, give a false alarm below 0.2 %. */
    static final double SIGMAS = 4.5;

    /** The tolerance floor of the grey-level statistics. */
    static final double FLOOR_GREY = 0.02;

    /** The tolerance floor of the fractions. */
    static final double FLOOR_FRACTION = 0.0005;

    /** The reference statistics. */
    static JsonNode reference;

    /** The first images of the bundled sample, as many as the reference used. */
    static List<byte[]> images;

    /** Reads the fixture and the sample. */
    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = new GZIPInputStream(RandomStatisticsTest.class.getResourceAsStream(
                "fixtures/random_statistics.json.gz"))) {
            reference = new ObjectMapper().readTree(in);
        }
        CifarDataset sample = Cifar10.open(SAMPLE).batch("validation_sample.bin");
        images = new ArrayList<>();
        for (int i = 0; i < reference.get("images").asInt(); i++) {
            images.add(sample.pixels(i));
        }
    }

    /** Each random corruption's seven statistics at every severity within their sampling error of the reference's. */
    @ParameterizedTest
    @EnumSource(value = Corruption.class, names = {"GAUSSIAN_NOISE", "SHOT_NOISE", "IMPULSE_NOISE", "SPECKLE_NOISE",
        "GLASS_BLUR", "ELASTIC_TRANSFORM", "FOG", "FROST"})
    void statisticsMatchTheReference(Corruption corruption) {
        List<String> names = new ArrayList<>();
        reference.get("statistics").forEach(n -> names.add(n.asText()));
        List<String> failures = new ArrayList<>();
        for (int severity = 1; severity <= 5; severity++) {
            JsonNode cell = cell(corruption, severity);
            double[][] java = javaStatistics(corruption, severity, names.size());
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s s%d:", corruption, severity));
            for (int k = 0; k < names.size(); k++) {
                String name = names.get(k);
                JsonNode perImage = cell.get("per_image").get(name);
                int n = images.size();
                double sum = 0;
                double javaMean = 0;
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = java[i][k] - perImage.get(i).asDouble();
                    sum += d[i];
                    javaMean += java[i][k] / n;
                }
                double mean = sum / n;
                double ss = 0;
                for (double v : d) {
                    ss += (v - mean) * (v - mean);
                }
                double se = Math.sqrt(ss / (n - 1) / n);
                boolean fraction = name.equals("changed") || name.equals("zero") || name.equals("full");
                double tolerance = SIGMAS * se + (fraction ? FLOOR_FRACTION : FLOOR_GREY);
                line.append(String.format(Locale.ROOT, " %s %.4f/%.4f (±%.4f)", name, javaMean,
                        cell.get("mean").get(name).asDouble(), tolerance));
                if (Math.abs(mean) > tolerance) {
                    failures.add(String.format(Locale.ROOT, "%s severity %d %s: java %.5f, reference %.5f, "
                            + "paired difference %.5f beyond %.5f (%.1f standard errors)", corruption, severity, name,
                            javaMean, cell.get("mean").get(name).asDouble(), mean, tolerance, mean / se));
                }
            }
            System.out.println(line);
        }
        assertThat(failures).as("statistics beyond their sampling error").isEmpty();
    }

    /** The shipped frost photos have the sizes and byte sums of the reference's photos resized by OpenCV. */
    @Test
    void frostPhotosAreTheResizedReferencePhotos() {
        JsonNode photos = reference.get("frost_photos");
        for (int k = 0; k < photos.size(); k++) {
            Weather.Photo photo = Weather.photo(k);
            long sum = 0;
            for (byte b : photo.rgb()) {
                sum += b & 0xFF;
            }
            assertThat(new long[] {photo.height(), photo.width(), sum}).as("frost%d", k + 1).containsExactly(
                    photos.get(k).get("height").asLong(), photos.get(k).get("width").asLong(),
                    photos.get(k).get("sum").asLong());
        }
    }

    private static JsonNode cell(Corruption corruption, int severity) {
        for (JsonNode cell : reference.get("cells")) {
            if (cell.get("corruption").asText().equals(corruption.id()) && cell.get("severity").asInt() == severity) {
                return cell;
            }
        }
        throw new IllegalStateException("random_statistics.json.gz lacks " + corruption + " severity " + severity);
    }

    /** Per image, the mean over {@link #SEEDS} seeds of each statistic. */
    private static double[][] javaStatistics(Corruption corruption, int severity, int count) {
        double[][] out = new double[images.size()][count];
        for (int i = 0; i < images.size(); i++) {
            for (int s = 0; s < SEEDS; s++) {
                byte[] corrupted = corruption.apply(images.get(i), severity, Seeds.forImage(s, corruption, severity,
                        i));
                double[] stats = statistics(images.get(i), corrupted);
                for (int k = 0; k < count; k++) {
                    out[i][k] += stats[k] / SEEDS;
                }
            }
        }
        return out;
    }

    /**
     * The statistics of make_random_statistics.py, in its order: mean_diff, std_diff, abs_diff, changed, zero, full,
     * grad.
     *
     * @param before the clean image, planar
     * @param after the corrupted image, planar
     * @return the seven statistics
     */
    static double[] statistics(byte[] before, byte[] after) {
        int n = before.length;
        double sum = 0;
        double sumSq = 0;
        double abs = 0;
        int changed = 0;
        int zero = 0;
        int full = 0;
        for (int i = 0; i < n; i++) {
            int a = after[i] & 0xFF;
            int d = a - (before[i] & 0xFF);
            sum += d;
            sumSq += (double) d * d;
            abs += Math.abs(d);
            changed += d != 0 ? 1 : 0;
            zero += a == 0 ? 1 : 0;
            full += a == 255 ? 1 : 0;
        }
        double mean = sum / n;
        double grad = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < Planes.SIDE; y++) {
                for (int x = 0; x + 1 < Planes.SIDE; x++) {
                    int p = c * Planes.PIXELS + y * Planes.SIDE + x;
                    grad += Math.abs((after[p + 1] & 0xFF) - (after[p] & 0xFF));
                }
            }
        }
        return new double[] {mean, Math.sqrt(Math.max(0, sumSq / n - mean * mean)), abs / n, (double) changed / n,
            (double) zero / n, (double) full / n, grad / (3 * Planes.SIDE * (Planes.SIDE - 1))};
    }
}
