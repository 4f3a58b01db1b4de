package io.github.erroranalysis.corruption;

/** The colour corruptions: brightness, contrast and saturate (skimage's HSV). */
final class Colour {

    private Colour() {
    }

    /** The reference's {@code brightness}; owner: see /work/notes/common17.md. */
    static byte[] brightness(byte[] image, int severity) {
        throw new UnsupportedOperationException("not yet: brightness");
    }

    /** The reference's {@code contrast}; owner: see /work/notes/common17.md. */
    static byte[] contrast(byte[] image, int severity) {
        throw new UnsupportedOperationException("not yet: contrast");
    }

    /** The reference's {@code saturate}; owner: see /work/notes/common17.md. */
    static byte[] saturate(byte[] image, int severity) {
        throw new UnsupportedOperationException("not yet: saturate");
    }
}
