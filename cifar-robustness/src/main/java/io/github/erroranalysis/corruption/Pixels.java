package io.github.erroranalysis.corruption;

/** Pixelate (PIL's box resize down and up) and JPEG compression at the reference's qualities. */
final class Pixels {

    private Pixels() {
    }

    /** The reference's {@code pixelate}; owner: see /work/notes/common17.md. */
    static byte[] pixelate(byte[] image, int severity) {
        throw new UnsupportedOperationException("not yet: pixelate");
    }

    /** The reference's {@code jpegCompression}; owner: see /work/notes/common17.md. */
    static byte[] jpegCompression(byte[] image, int severity) {
        throw new UnsupportedOperationException("not yet: jpegCompression");
    }
}
