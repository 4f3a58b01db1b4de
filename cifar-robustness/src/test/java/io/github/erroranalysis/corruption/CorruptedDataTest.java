package io.github.erroranalysis.corruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import java.io.IOException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A whole data set corrupted in parallel: each image as {@code corruptOne} makes it, the rest of the data kept. */
class CorruptedDataTest {

    /** The first 64 images of the bundled sample. */
    static CifarDataset sample;

    /** Reads the images once. */
    @BeforeAll
    static void read() throws IOException {
        CifarDataset all = Cifar10.open(DeterministicFixtureTest.SAMPLE).batch("validation_sample.bin");
        sample = all.subset(IntStream.range(0, 64).toArray());
    }

    @Test
    void everyImageIsCorruptedWithItsOwnSeedAndTheRestKept() {
        CifarDataset out = CorruptedData.corrupt(sample, Corruption.GAUSSIAN_NOISE, 3, 11L);
        assertThat(out.size()).isEqualTo(sample.size());
        assertThat(out.labels()).containsExactly(sample.labels());
        assertThat(out.origins()).isEqualTo(sample.origins());
        assertThat(out.classNames()).isEqualTo(sample.classNames());
        for (int i = 0; i < sample.size(); i++) {
            assertThat(out.pixels(i)).isEqualTo(CorruptedData.corruptOne(sample, i, Corruption.GAUSSIAN_NOISE, 3, 11L))
                    .isEqualTo(Corruption.GAUSSIAN_NOISE.apply(sample.pixels(i), 3,
                            Seeds.forImage(11L, Corruption.GAUSSIAN_NOISE, 3, i)));
        }
        // two images never share a stream, and the same seed gives the same bytes on any run
        assertThat(out.pixels(0)).isNotEqualTo(out.pixels(1));
        CifarDataset again = CorruptedData.corrupt(sample, Corruption.GAUSSIAN_NOISE, 3, 11L);
        assertThat(again.fingerprint()).isEqualTo(out.fingerprint());
        assertThat(CorruptedData.corrupt(sample, Corruption.GAUSSIAN_NOISE, 3, 12L).fingerprint())
                .isNotEqualTo(out.fingerprint());
        assertThat(sample.pixels(0)).isNotEqualTo(out.pixels(0));
    }

    @Test
    void refusesABadSeverityOrIndex() {
        assertThatThrownBy(() -> CorruptedData.corrupt(sample, Corruption.CONTRAST, 6, 0L))
                .hasMessage("severity 6 is not between 1 and 5");
        assertThatThrownBy(() -> CorruptedData.corruptOne(sample, 64, Corruption.CONTRAST, 1, 0L))
                .hasMessage("image 64 is outside the data set's 0..63");
    }
}
