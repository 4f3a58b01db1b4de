package io.github.erroranalysis.corruption;

/** The deterministic blurs: defocus (a disk kernel), Gaussian and zoom. */
final class Blur {

    private Blur() {
    }

    /** The reference's {@code defocusBlur}; owner: see /work/notes/common17.md. */
    static byte[] defocusBlur(byte[] image, int severity) {
        throw new UnsupportedOperationException("not yet: defocusBlur");
    }

    /** The reference's {@code gaussianBlur}; owner: see /work/notes/common17.md. */
    static byte[] gaussianBlur(byte[] image, int severity) {
        throw new UnsupportedOperationException("not yet: gaussianBlur");
    }

    /** The reference's {@code zoomBlur}; owner: see /work/notes/common17.md. */
    static byte[] zoomBlur(byte[] image, int severity) {
        throw new UnsupportedOperationException("not yet: zoomBlur");
    }
}
