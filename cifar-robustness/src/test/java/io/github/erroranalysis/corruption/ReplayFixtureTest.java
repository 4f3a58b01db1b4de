package io.github.erroranalysis.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Glass blur, the elastic transform, fog and frost against the reference's own output when both draw the same
 * numbers: {@code fixtures/replay_<name>.npy.gz} (uint8, severity × image × 3,072 planar bytes) were made by
 * {@code src/test/python/make_replay_fixture.py} running make_cifar_c.py's functions with {@code np.random} replaced by
 * the Weyl sequence {@code u_k = (k φ) mod 1}; here the same sequence is drawn through {@link Replay}, and every
 * byte must be equal, which checks each step (OpenCV's affine warp, SciPy's map_coordinates, skimage's Gaussian, the
 * swap loops, the diamond-square fractal, the resized frost photos and their crop) apart from the generator.
 */
class ReplayFixtureTest {

    /** The golden-ratio step of the sequence. */
    static final double PHI = 0.6180339887498949;

    /** The bundled sample. */
    static CifarDataset sample;

    /** Reads the sample. */
    @BeforeAll
    static void readSample() throws IOException {
        sample = Cifar10.open(RandomStatisticsTest.SAMPLE).batch("validation_sample.bin");
    }

    /** Each of the four equals the reference byte for byte at every severity when both draw the Weyl sequence. */
    @ParameterizedTest
    @EnumSource(value = Corruption.class, names = {"GLASS_BLUR", "ELASTIC_TRANSFORM", "FOG", "FROST"})
    void everyByteEqualsTheReferenceFedTheSameDraws(Corruption corruption) throws IOException {
        String name = "fixtures/replay_" + corruption.id() + ".npy.gz";
        byte[][][] reference;
        try (InputStream raw = ReplayFixtureTest.class.getResourceAsStream(name)) {
            assertThat(raw).as("test resource %s", name).isNotNull();
            reference = DeterministicFixtureTest.readNpy(new GZIPInputStream(raw), name);
        }
        for (int s = 1; s <= 5; s++) {
            int differing = 0;
            for (int i = 0; i < reference[s - 1].length; i++) {
                UniformRandomProvider rng = new Replay(100000L * (5 * i + s - 1));
                byte[] image = sample.pixels(i);
                byte[] out = switch (corruption) {
                    case GLASS_BLUR -> Geometric.glassBlur(image, s, rng);
                    case ELASTIC_TRANSFORM -> Geometric.elasticTransform(image, s, rng);
                    case FOG -> Weather.fog(image, s, rng);
                    default -> Weather.frost(image, s, rng);
                };
                for (int p = 0; p < out.length; p++) {
                    differing += out[p] != reference[s - 1][i][p] ? 1 : 0;
                }
            }
            assertThat(differing).as("%s severity %d: bytes differing from the reference", corruption, s)
                    .isZero();
        }
    }

    /** The replayed sequence: {@code nextDouble()} is {@code u_k}, {@code nextInt(n)} is {@code floor(u_k n)}. */
    static final class Replay implements UniformRandomProvider {

        private long k;

        /** Starts after index {@code k0}. */
        Replay(long k0) {
            this.k = k0;
        }

        /** Returns the next {@code u_k = (k φ) mod 1}. */
        @Override
        public double nextDouble() {
            k++;
            return (k * PHI) % 1.0;
        }

        /** Returns {@code floor(u_k n)}, as the fixture script's {@code randint}. */
        @Override
        public int nextInt(int n) {
            return (int) Math.floor(nextDouble() * n);
        }

        /** Refused: the replayed corruptions draw no longs. */
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("the replay draws doubles and bounded ints only");
        }
    }
}
