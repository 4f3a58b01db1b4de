package io.github.erroranalysis.corruption;

/** Fog (a plasma fractal) and frost (the reference's frost photos). */
final class Weather {

    private Weather() {
    }

    /** The reference's {@code fog}; owner: see /work/notes/common17.md. */
    static byte[] fog(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: fog");
    }

    /** The reference's {@code frost}; owner: see /work/notes/common17.md. */
    static byte[] frost(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: frost");
    }
}
