package io.github.erroranalysis.corruption;

/** The noise corruptions: Gaussian, shot (Poisson), impulse (salt and pepper) and speckle. */
final class Noise {

    private Noise() {
    }

    /** The reference's {@code gaussianNoise}; owner: see /work/notes/common17.md. */
    static byte[] gaussianNoise(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: gaussianNoise");
    }

    /** The reference's {@code shotNoise}; owner: see /work/notes/common17.md. */
    static byte[] shotNoise(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: shotNoise");
    }

    /** The reference's {@code impulseNoise}; owner: see /work/notes/common17.md. */
    static byte[] impulseNoise(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: impulseNoise");
    }

    /** The reference's {@code speckleNoise}; owner: see /work/notes/common17.md. */
    static byte[] speckleNoise(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: speckleNoise");
    }
}
