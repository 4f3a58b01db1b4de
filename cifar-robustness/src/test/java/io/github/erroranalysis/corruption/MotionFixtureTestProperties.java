package io.github.erroranalysis.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Motion blur, snow and spatter on any 3,072 bytes with any seed: 3,072 bytes, no exception, input kept. */
class MotionFixtureTestProperties {

    /** Any image, severity and seed give 3,072 bytes, the same twice, and leave the input unchanged. */
    @Property(tries = 100)
    void anyBytesAnySeed(@ForAll("images") byte[] image, @ForAll("corruptions") Corruption corruption,
            @ForAll @IntRange(min = 1, max = 5) int severity, @ForAll long seed) {
        byte[] copy = image.clone();
        byte[] out = corruption.apply(image, severity, seed);
        assertThat(out).as("%s severity %d seed %d", corruption, severity, seed).hasSize(Corruption.IMAGE_BYTES)
                .isEqualTo(corruption.apply(image, severity, seed));
        assertThat(image).as("input of %s", corruption).isEqualTo(copy);
    }

    /** Any 3,072 bytes. */
    @Provide
    Arbitrary<byte[]> images() {
        return Arbitraries.bytes().array(byte[].class).ofSize(Corruption.IMAGE_BYTES);
    }

    /** The corruptions of Motion and Spatter. */
    @Provide
    Arbitrary<Corruption> corruptions() {
        return Arbitraries.of(Corruption.MOTION_BLUR, Corruption.SNOW, Corruption.SPATTER);
    }
}
