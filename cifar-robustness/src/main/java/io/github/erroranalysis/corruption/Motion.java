package io.github.erroranalysis.corruption;

/** Motion blur and snow, with a motion-blur kernel equivalent to ImageMagick's MotionBlurImage. */
final class Motion {

    private Motion() {
    }

    /** The reference's {@code motionBlur}; owner: see /work/notes/common17.md. */
    static byte[] motionBlur(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: motionBlur");
    }

    /** The reference's {@code snow}; owner: see /work/notes/common17.md. */
    static byte[] snow(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: snow");
    }
}
