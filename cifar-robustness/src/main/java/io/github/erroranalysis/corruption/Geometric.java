package io.github.erroranalysis.corruption;

/** The corruptions that move pixels: glass blur and elastic transform. */
final class Geometric {

    private Geometric() {
    }

    /** The reference's {@code glassBlur}; owner: see /work/notes/common17.md. */
    static byte[] glassBlur(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: glassBlur");
    }

    /** The reference's {@code elasticTransform}; owner: see /work/notes/common17.md. */
    static byte[] elasticTransform(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: elasticTransform");
    }
}
