package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.Optional;

/** Fingerprints of test sets, and the check that two analyses are of the same test set. */
final class TestSets {

    private TestSets() {
    }

    /**
     * Fingerprints an analysis's test set: a 64-bit hash of the class names and true classes, and one of the
     * origins (or "none").
     *
     * @param analysis the analysis
     * @return for example {@code "labels 1f0c3e5a9b7d2c11, origins none"}
     */
    static String fingerprint(ErrorAnalysis analysis) {
        long h = mix(analysis.examples()) ^ analysis.classNames().hashCode();
        for (int label : analysis.context().labels()) {
            h = mix(h * 31 + label);
        }
        return Formats.format("labels %016x, origins %s", h, originHash(analysis).map(o -> Formats.format("%016x", o))
                .orElse("none"));
    }

    private static Optional<Long> originHash(ErrorAnalysis analysis) {
        String[] origins = analysis.context().origins();
        if (origins == null) {
            return Optional.empty();
        }
        long h = 0;
        for (String origin : origins) {
            h = mix(h * 31 + (origin == null ? 0 : origin.hashCode()));
        }
        return Optional.of(h);
    }

    /** SplitMix64's finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * Refuses two analyses that are not of the same test set: different example counts, class names, true
     * classes, or (when both have origins) origins.
     *
     * @param baseline the first analysis
     * @param candidate the second analysis
     * @return the common fingerprint
     * @throws IllegalArgumentException saying what differs, with the first differing example
     */
    static String requireSame(ErrorAnalysis baseline, ErrorAnalysis candidate) {
        String refuse = "cannot compare analyses of different test sets: ";
        if (baseline.examples() != candidate.examples()) {
            throw new IllegalArgumentException(refuse + "the baseline has " + baseline.examples()
                    + " examples but the candidate has " + candidate.examples());
        }
        if (!baseline.classNames().equals(candidate.classNames())) {
            throw new IllegalArgumentException(refuse + "the baseline's classes are " + baseline.classNames()
                    + " but the candidate's are " + candidate.classNames());
        }
        String fa = fingerprint(baseline);
        String fb = fingerprint(candidate);
        if (fa.equals(fb)) {
            return fa;
        }
        int[] la = baseline.context().labels();
        int[] lb = candidate.context().labels();
        for (int i = 0; i < baseline.examples(); i++) {
            int a = la[i];
            int b = lb[i];
            if (a != b) {
                throw new IllegalArgumentException(refuse + "example " + i + " is labelled "
                        + baseline.classNames().get(a) + " in the baseline but " + candidate.classNames().get(b)
                        + " in the candidate (fingerprints " + fa + " and " + fb + ")");
            }
        }
        boolean bothHaveOrigins = !fa.endsWith("none") && !fb.endsWith("none");
        if (bothHaveOrigins) {
            for (int i = 0; i < baseline.examples(); i++) {
                Optional<String> a = baseline.origin(i);
                Optional<String> b = candidate.origin(i);
                if (!a.equals(b)) {
                    throw new IllegalArgumentException(refuse + "example " + i + " comes from "
                            + a.orElse("(no origin)") + " in the baseline but from " + b.orElse("(no origin)")
                            + " in the candidate (fingerprints " + fa + " and " + fb + ")");
                }
            }
        }
        // same labels, and origins on one side only: the same test set as far as can be told
        return fa.endsWith("none") ? fb : fa;
    }
}
