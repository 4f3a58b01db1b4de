package io.github.erroranalysis.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The random corruptions of Noise, Geometric and Weather are pure functions of (image, severity, seed): the same seed
 * gives the same bytes, another seed other bytes, the input is never changed, and any 3,072 bytes give 3,072 bytes.
 */
class RandomCorruptionTest {

    private static final String[] MINE = {"GAUSSIAN_NOISE", "SHOT_NOISE", "IMPULSE_NOISE", "SPECKLE_NOISE",
        "GLASS_BLUR", "ELASTIC_TRANSFORM", "FOG", "FROST"};

    private static byte[] firstImage() throws IOException {
        CifarDataset sample = Cifar10.open(RandomStatisticsTest.SAMPLE).batch("validation_sample.bin");
        return sample.pixels(0);
    }

    /** Each corruption: the same seed gives the same bytes, another seed others, and the input is left alone. */
    @ParameterizedTest
    @EnumSource(value = Corruption.class, names = {"GAUSSIAN_NOISE", "SHOT_NOISE", "IMPULSE_NOISE", "SPECKLE_NOISE",
        "GLASS_BLUR", "ELASTIC_TRANSFORM", "FOG", "FROST"})
    void sameSeedSameBytesOtherSeedOtherBytesInputUntouched(Corruption corruption) throws IOException {
        byte[] image = firstImage();
        byte[] copy = image.clone();
        for (int severity = 1; severity <= 5; severity++) {
            byte[] a = corruption.apply(image, severity, 42L);
            byte[] b = corruption.apply(image, severity, 42L);
            byte[] c = corruption.apply(image, severity, 43L);
            assertThat(a).as("%s severity %d, seed 42 twice", corruption, severity).isEqualTo(b);
            assertThat(a).as("%s severity %d, seeds 42 and 43", corruption, severity).isNotEqualTo(c);
            assertThat(a).as("%s severity %d changes the image", corruption, severity).isNotEqualTo(image);
        }
        assertThat(image).as("%s leaves its input alone", corruption).isEqualTo(copy);
    }

    /** Any 3,072 bytes, severity and seed give 3,072 bytes, the same twice, with the input left alone. */
    @Property(tries = 300)
    void anyImageAnySeedGivesAnImage(@ForAll @Size(3072) byte[] image, @ForAll @IntRange(min = 1, max = 5)
            int severity, @ForAll long seed, @ForAll("mine") Corruption corruption) {
        byte[] copy = image.clone();
        byte[] out = corruption.apply(image, severity, seed);
        assertThat(out).hasSize(3072);
        assertThat(image).isEqualTo(copy);
        assertThat(Arrays.equals(out, corruption.apply(image, severity, seed))).isTrue();
    }

    /**
     * Provides the random corruptions of Noise, Geometric and Weather.
     *
     * @return one of them
     */
    @Provide
    Arbitrary<Corruption> mine() {
        return Arbitraries.of(Arrays.stream(MINE).map(Corruption::valueOf).toArray(Corruption[]::new));
    }

    /**
     * The frost photos are read in memory: with ImageIO's disk cache on and pointed at a folder that is gone (so any
     * temporary cache file would fail), a photo still loads.
     */
    @Test
    void frostPhotosAreReadWithoutTouchingTheDisk() throws IOException {
        Path dir = Files.createTempDirectory("imageio-cache");
        boolean useCache = ImageIO.getUseCache();
        File cacheDirectory = ImageIO.getCacheDirectory();
        try {
            ImageIO.setUseCache(true);
            ImageIO.setCacheDirectory(dir.toFile());
            Files.delete(dir);
            Weather.Photo photo = Weather.readPhoto("frost/frost1.png");
            assertThat(photo.rgb()).hasSize(photo.width() * photo.height() * 3);
            assertThat(photo.width()).isGreaterThan(32);
        } finally {
            ImageIO.setCacheDirectory(cacheDirectory);
            ImageIO.setUseCache(useCache);
            Files.deleteIfExists(dir);
        }
    }
}
