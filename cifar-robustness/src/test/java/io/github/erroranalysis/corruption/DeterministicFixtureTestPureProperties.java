package io.github.erroranalysis.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Every deterministic corruption is a pure function of (image, severity) on any 3,072 bytes. */
class DeterministicFixtureTestPureProperties {

    /** Any 3,072 bytes give 3,072 bytes, the same for the same input whatever the seed, and the input is kept. */
    @Property(tries = 60)
    void sameInputSameOutputInputUntouchedAndSeedIgnored(@ForAll("images") byte[] image,
            @ForAll("deterministic") Corruption corruption, @ForAll @IntRange(min = 1, max = 5) int severity,
            @ForAll long seed) {
        byte[] copy = image.clone();
        byte[] first = corruption.apply(image, severity, seed);
        byte[] second = corruption.apply(image, severity, seed + 1);
        assertThat(image).as("input of %s", corruption).isEqualTo(copy);
        assertThat(first).as("%s severity %d", corruption, severity).hasSize(Corruption.IMAGE_BYTES)
                .isEqualTo(second).isNotSameAs(image);
    }

    /** Any 3,072 bytes. */
    @Provide
    Arbitrary<byte[]> images() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Corruption.IMAGE_BYTES);
    }

    /** The 8 corruptions that ignore the seed. */
    @Provide
    Arbitrary<Corruption> deterministic() {
        return Arbitraries.of(Corruption.BRIGHTNESS, Corruption.CONTRAST, Corruption.SATURATE, Corruption.PIXELATE,
                Corruption.GAUSSIAN_BLUR, Corruption.DEFOCUS_BLUR, Corruption.ZOOM_BLUR, Corruption.JPEG_COMPRESSION);
    }
}
