package io.github.erroranalysis.corruption;

/** Spatter: water (severities 1 to 3) or mud (4 and 5). */
final class Spatter {

    private Spatter() {
    }

    /** The reference's {@code spatter}; owner: see /work/notes/common17.md. */
    static byte[] spatter(byte[] image, int severity, long seed) {
        throw new UnsupportedOperationException("not yet: spatter");
    }
}
