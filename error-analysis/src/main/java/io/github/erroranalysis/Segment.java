package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A run of examples from one source, in the order seen: true classes, probabilities (float, row-major) and
 * origins. Growable; never shared between accumulators.
 */
final class Segment implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The canonical order of segments: by shard, then by content, so any merge order gives one result. */
    static final Comparator<Segment> CANONICAL = Comparator.comparingLong((Segment s) -> s.shard)
            .thenComparingInt(s -> s.size)
            .thenComparing((a, b) -> Arrays.compare(a.labels, 0, a.size, b.labels, 0, b.size))
            .thenComparing((a, b) -> Arrays.compare(a.probs, 0, a.size * a.classes, b.probs, 0, b.size * b.classes))
            .thenComparing(Segment::compareOrigins);

    final long shard;
    final int classes;
    int size;
    int[] labels;
    float[] probs;
    String[] origins;

    Segment(long shard, int classes) {
        this.shard = shard;
        this.classes = classes;
        this.labels = new int[0];
        this.probs = new float[0];
    }

    /** Appends rows; {@code keep} (nullable) says which rows to keep. */
    void append(int[] newLabels, float[] newProbs, String[] newOrigins, boolean[] keep, int rows) {
        int kept = 0;
        for (int r = 0; r < rows; r++) {
            if (keep == null || keep[r]) {
                kept++;
            }
        }
        ensureCapacity(size + kept);
        if (newOrigins != null && origins == null) {
            origins = new String[labels.length];
        }
        if (keep == null) {
            System.arraycopy(newLabels, 0, labels, size, rows);
            System.arraycopy(newProbs, 0, probs, size * classes, rows * classes);
            if (newOrigins != null) {
                System.arraycopy(newOrigins, 0, origins, size, rows);
            }
            size += rows;
            return;
        }
        for (int r = 0; r < rows; r++) {
            if (keep[r]) {
                labels[size] = newLabels[r];
                System.arraycopy(newProbs, r * classes, probs, size * classes, classes);
                if (newOrigins != null) {
                    origins[size] = newOrigins[r];
                }
                size++;
            }
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= labels.length) {
            return;
        }
        int capacity = Math.max(needed, Math.max(16, labels.length + (labels.length >> 1)));
        if ((long) capacity * classes > Integer.MAX_VALUE - 8) {
            capacity = Math.max(needed, (Integer.MAX_VALUE - 8) / classes);
            if ((long) needed * classes > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException(Formats.format(
                        "too many examples for one accumulator: %d examples × %d classes", needed, classes));
            }
        }
        labels = Arrays.copyOf(labels, capacity);
        probs = Arrays.copyOf(probs, capacity * classes);
        if (origins != null) {
            origins = Arrays.copyOf(origins, capacity);
        }
    }

    /** A deep copy trimmed to size. */
    Segment copy() {
        Segment s = new Segment(shard, classes);
        s.size = size;
        s.labels = Arrays.copyOf(labels, size);
        s.probs = Arrays.copyOf(probs, size * classes);
        s.origins = origins == null ? null : Arrays.copyOf(origins, size);
        return s;
    }

    private static int compareOrigins(Segment a, Segment b) {
        for (int i = 0; i < a.size; i++) {
            String x = a.origins == null ? null : a.origins[i];
            String y = b.origins == null ? null : b.origins[i];
            int c = x == null ? (y == null ? 0 : -1) : (y == null ? 1 : x.compareTo(y));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
