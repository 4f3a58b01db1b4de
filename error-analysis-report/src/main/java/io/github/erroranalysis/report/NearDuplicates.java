package io.github.erroranalysis.report;

import io.github.erroranalysis.DuplicateAudit;
import io.github.erroranalysis.DuplicatePair;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Progress;
import io.github.erroranalysis.ScoreEffect;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches the near-duplicates of test examples among training records and among the other test examples.
 *
 * <p>Candidates: for every test example, the {@value #CANDIDATES} training records (and, for the within-test
 * search, the {@value #CANDIDATES} other test examples) most similar by the model's penultimate embedding
 * ({@link Embeddings}; cosine of L2-normalised rows, the larger of the query's and its horizontal mirror's), and as
 * many by the {@link PixelDescriptors} luminance grid (Pearson correlation, query and mirror), each search one matrix
 * product per block of queries. Distance: the {@linkplain PixelDescriptors#distance aligned luminance distance} of
 * each candidate pair, {@code 1 - r} over mirrors, shifts of up to 2 pixels and zooms of up to 20 %; a test
 * example's nearest training record is its candidate at the smallest distance (ties: the lower index). The
 * embedding finds copies that moved too much for the pixels, the pixels those the model sees differently; the
 * final distance is the pixels' alone: on the measured figures ({@link #DEFAULT_THRESHOLD}) the embedding's cosine
 * distance, alone or combined ({@code max(pixels, embedding / 2)} or {@code / 4}), kept apart no more different
 * images at a given recall and lost the hue-rotated copies, which the model sees differently.
 *
 * <p>Cost: the training data is embedded once (and the test data twice, as given and mirrored), the candidate
 * searches are {@code 2 × (tests × training)} and {@code 2 × tests²} dot products (of the embedding's width and of 256 values) in blocks of
 * {@link NearestTraining#BLOCK_VALUES} products, and the aligned distance of each of the at most {@code 4 ×}
 * {@value #CANDIDATES} candidates per test example is a few dozen correlations of 196 and 784 values; the
 * pixels (1,280 values an image, the fine grid as bytes) and the distances run in parallel.
 */
final class NearDuplicates {

    /**
     * The default largest distance of a suspected near-duplicate: 0.08 (a luminance correlation of at least 0.92 after
     * the best alignment). Measured by {@code NearDuplicatesFigures} (examples, src/test; run by hand) with the
     * bundled baseline on 1,000 random images of the CIFAR-10 training archive, each transformed ten ways and
     * searched among all 50,000 training images: the share of copies whose nearest record is their original within
     * 0.08 is 1.000 for JPEG q = 75, a mirror, brightness + 30 and contrast × 0.7, 0.998 for a 1-pixel shift, 0.943
     * for a 2-pixel shift (the misses are copies neither candidate search put among its ten), 0.80 and 0.77 for
     * centre zooms of 1.1 and 1.2, 0.98 and 0.97 for hue rotations of 30° and 90°. The same 1,000 originals against
     * the other 49,000 images (their own records excluded by origin) have a nearest image within 0.08 for 7.4 %
     * (within 0.06: 4.8 %, 0.10: 9.7 %, 0.15: 21 %; median 0.23): by eye, most of those within 0.055 are the same
     * photograph (CIFAR-10's training set holds many near-duplicates of its own), about half of those between
     * 0.07 and 0.10 are, the rest mostly low-texture scenes (sea or sky with a small ship or aeroplane). A larger
     * threshold finds more zoomed copies (0.10: 0.88 and 0.86) at the cost of more false suspects.
     */
    static final double DEFAULT_THRESHOLD = 0.08;

    /** The candidates each search gives every test example, per descriptor. */
    static final int CANDIDATES = 10;

    /** The distance, in words, for the report and {@code audit.json}. */
    static final String DISTANCE = "1 - the largest Pearson correlation of the two images' 16x16 luminance over "
            + "horizontal mirroring, shifts of up to 2 pixels and zooms of up to 20 %, among candidates found by the "
            + "model's penultimate-layer embedding and by luminance";

    /** The confidence level of the score effect's intervals. */
    static final double LEVEL = 0.95;

    private static final Logger LOG = LoggerFactory.getLogger(NearDuplicates.class);

    private NearDuplicates() {
    }

    /**
     * What the search found, before the score effect.
     *
     * @param nearest every test example's nearest training record, in test-index order
     * @param duplicates the test examples whose nearest training record is at most the threshold away, that pair
     *                   each, smallest distance first (ties: lower test index)
     * @param withinTest the pairs of test examples at most the threshold apart, lower index first, each once,
     *                   smallest distance first (ties: lower indexes)
     * @param trainingExamples the training records searched
     * @param trainingExcluded the training records left out for a test example's origin
     */
    record Found(List<DuplicatePair> nearest, List<DuplicatePair> duplicates, List<DuplicatePair> withinTest,
            int trainingExamples, int trainingExcluded) {
    }

    /**
     * Runs the near-duplicate half of the audit ({@link DataAudit#duplicates}).
     *
     * @param analysis the analysis of the test examples
     * @param model the model
     * @param test the test examples
     * @param training the training data
     * @param settings how to run
     * @param progress hears the embedded examples
     * @return the audit
     */
    static DuplicateAudit audit(ErrorAnalysis analysis, Model model, DataAudit.Data test, DataAudit.Data training,
            DataAudit.Settings settings, Progress progress) {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(settings, "settings");
        int n = analysis.examples();
        if (test.inputs().size() != n) {
            throw new IllegalArgumentException("the test data " + test.source() + " has " + test.inputs().size()
                    + " examples but the analysis " + n);
        }
        double threshold = threshold(settings.threshold());
        List<Optional<String>> origins = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Optional<String> o = test.inputs().origin(i);
            origins.add(o.isPresent() ? o : analysis.origin(i));
        }
        Found found = search(model, test, origins, training, threshold, progress);
        boolean[] correct = new boolean[n];
        boolean[] suspected = new boolean[n];
        for (int i = 0; i < n; i++) {
            correct[i] = analysis.trueClass(i) == analysis.predictedClass(i);
        }
        for (DuplicatePair p : found.duplicates()) {
            suspected[p.index()] = true;
        }
        return new DuplicateAudit(found.nearest(), found.duplicates(), found.withinTest(), threshold, DISTANCE,
                found.trainingExamples(), found.trainingExcluded(), ScoreEffect.of(correct, suspected, LEVEL));
    }

    /** The threshold to use: the given one, or the default for NaN. */
    static double threshold(double given) {
        if (Double.isNaN(given)) {
            return DEFAULT_THRESHOLD;
        }
        if (given < 0 || Double.isInfinite(given)) {
            throw new IllegalArgumentException("the near-duplicate threshold must be a finite distance of at least "
                    + "0, or NaN for the default " + DEFAULT_THRESHOLD + ", but is " + given);
        }
        return given;
    }

    /**
     * Searches the near-duplicates.
     *
     * @param model the model whose penultimate layer embeds the examples
     * @param test the test examples
     * @param testOrigins the origin of each test example
     * @param training the training data
     * @param threshold the largest distance of a suspected near-duplicate
     * @param progress hears the embedded examples
     * @return what was found
     */
    static Found search(Model model, DataAudit.Data test, List<Optional<String>> testOrigins,
            DataAudit.Data training, double threshold, Progress progress) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(progress, "progress");
        int n = test.inputs().size();
        if (testOrigins.size() != n) {
            throw new IllegalArgumentException(testOrigins.size() + " origins for " + n + " test examples");
        }
        Set<String> originSet = new HashSet<>();
        testOrigins.forEach(o -> o.ifPresent(originSet::add));
        ModelInputs trainInputs = training.inputs();
        int[] kept = IntStream.range(0, trainInputs.size())
                .filter(t -> trainInputs.origin(t).map(o -> !originSet.contains(o)).orElse(true)).toArray();
        int excluded = trainInputs.size() - kept.length;
        List<Optional<String>> trainOrigins = new ArrayList<>(trainInputs.size());
        for (int t = 0; t < trainInputs.size(); t++) {
            trainOrigins.add(trainInputs.origin(t));
        }
        long started = System.nanoTime();
        int[] all = IntStream.range(0, n).toArray();
        PixelDescriptors.Pixels[] testPixels = pixels(test, all, testOrigins, "test example");
        PixelDescriptors.Pixels[] trainPixels = pixels(training, kept, trainOrigins, "training record");
        long pixels = System.nanoTime();

        boolean mirror = n > 0 && test.inputs().inputs(0, 1).rank() == 4;
        long total = (long) n * (mirror ? 2 : 1) + kept.length;
        long[] done = {0};
        Embeddings.Listener listener = new Embeddings.Listener() {
            private int last;

            @Override
            public void embedded(int now, int of) {
                if (now < last) {
                    last = 0;
                }
                done[0] += now - last;
                last = now == of ? 0 : now;
                progress.examplesDone(done[0], total);
            }
        };
        float[] testEmb = normalised(Embeddings.all(model, test.inputs(), listener));
        float[] testEmbMirror = mirror ? normalised(Embeddings.embed(model, mirrored(test.inputs()), all, listener))
                : null;
        Embeddings.Matrix trainAll = Embeddings.all(model, trainInputs, listener);
        float[] trainEmb = normalised(kept.length == trainInputs.size() ? trainAll : Embeddings.rows(trainAll, kept));
        int dim = n == 0 ? 0 : testEmb.length / n;
        long embedded = System.nanoTime();

        float[][] testHalves = descriptors(testPixels);
        float[][] trainHalves = descriptors(trainPixels);
        int half = PixelDescriptors.CELLS / 2;
        int[][] byEmbedding = mostSimilar(testEmb, testEmbMirror, trainEmb, trainEmb, dim, false, CANDIDATES, false);
        int[][] byPixels = mostSimilar(testHalves[0], testHalves[1], trainHalves[0], trainHalves[1], half, true,
                CANDIDATES, false);
        int[][] testByEmbedding = mostSimilar(testEmb, testEmbMirror, testEmb, testEmb, dim, false, CANDIDATES, true);
        int[][] testByPixels = mostSimilar(testHalves[0], testHalves[1], testHalves[0], testHalves[1], half, true,
                CANDIDATES, true);
        long candidates = System.nanoTime();

        int[] nearestRow = new int[n];
        double[] nearestDistance = new double[n];
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int[][] c : new int[][][] {testByEmbedding, testByPixels}) {
                for (int j : c[i]) {
                    pairs.add(new long[] {Math.min(i, j), Math.max(i, j)});
                }
            }
        }
        long[] pairKeys = pairs.stream().mapToLong(p -> p[0] * n + p[1]).distinct().sorted().toArray();
        double[] pairDistance = new double[pairKeys.length];
        IntStream.range(0, n).parallel().forEach(i -> {
            PixelDescriptors.Query query = PixelDescriptors.query(testPixels[i]);
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            int[] rows = union(byEmbedding[i], byPixels[i]);
            for (int r : rows) {
                double d = PixelDescriptors.distance(query, trainPixels[r]);
                if (d < bestD) { // rows ascend: equal distances keep the lower index
                    bestD = d;
                    best = r;
                }
            }
            nearestRow[i] = best;
            nearestDistance[i] = bestD;
            int from = lowerBound(pairKeys, (long) i * n);
            for (int p = from; p < pairKeys.length && pairKeys[p] / n == i; p++) {
                pairDistance[p] = PixelDescriptors.distance(query, testPixels[(int) (pairKeys[p] % n)]);
            }
        });
        List<DuplicatePair> nearest = new ArrayList<>(n);
        List<DuplicatePair> duplicates = new ArrayList<>();
        if (kept.length > 0) {
            for (int i = 0; i < n; i++) {
                int t = kept[nearestRow[i]];
                DuplicatePair pair = new DuplicatePair(i, t, nearestDistance[i], testOrigins.get(i),
                        trainOrigins.get(t));
                nearest.add(pair);
                if (nearestDistance[i] <= threshold) {
                    duplicates.add(pair);
                }
            }
        }
        Comparator<DuplicatePair> order = Comparator.comparingDouble(DuplicatePair::distance)
                .thenComparingInt(DuplicatePair::index).thenComparingInt(DuplicatePair::otherIndex);
        duplicates.sort(order);
        List<DuplicatePair> within = new ArrayList<>();
        for (int p = 0; p < pairKeys.length; p++) {
            if (pairDistance[p] <= threshold) {
                int i = (int) (pairKeys[p] / n);
                int j = (int) (pairKeys[p] % n);
                within.add(new DuplicatePair(i, j, pairDistance[p], testOrigins.get(i), testOrigins.get(j)));
            }
        }
        within.sort(order);
        long end = System.nanoTime();
        LOG.info("near-duplicates of {} test examples among {} training records ({} left out for a test origin): "
                + "{} suspected, {} within-test pairs; pixels {} ms, embeddings {} ms, candidates {} ms, distances "
                + "{} ms", n, kept.length, excluded, duplicates.size(), within.size(), (pixels - started) / 1_000_000,
                (embedded - pixels) / 1_000_000, (candidates - embedded) / 1_000_000, (end - candidates) / 1_000_000);
        return new Found(nearest, duplicates, within, kept.length, excluded);
    }

    /** The pixels of some examples of one side, read in parallel. */
    static PixelDescriptors.Pixels[] pixels(DataAudit.Data data, int[] indexes, List<Optional<String>> origins,
            String what) {
        PixelDescriptors.Pixels[] out = new PixelDescriptors.Pixels[indexes.length];
        IntStream.range(0, indexes.length).parallel().forEach(k -> {
            int index = indexes[k];
            Optional<BufferedImage> image = data.images().image(index, origins.get(index));
            if (image.isEmpty()) {
                throw new IllegalArgumentException("the " + what + " " + index + origins.get(index)
                        .map(o -> " (" + o + ")").orElse("") + " of " + data.source() + " has no image: the "
                        + "near-duplicate search needs every image");
            }
            out[k] = PixelDescriptors.pixels(image.get());
        });
        return out;
    }

    /** The model inputs mirrored left to right (the last axis of {@code [n, channels, height, width]} reversed). */
    static ModelInputs mirrored(ModelInputs in) {
        return new ModelInputs() {
            @Override
            public int size() {
                return in.size();
            }

            @Override
            public INDArray inputs(int from, int to) {
                INDArray x = in.inputs(from, to);
                long[] shape = x.shape();
                float[] v = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
                int w = (int) shape[shape.length - 1];
                for (int row = 0; row < v.length; row += w) {
                    for (int a = row, b = row + w - 1; a < b; a++, b--) {
                        float s = v[a];
                        v[a] = v[b];
                        v[b] = s;
                    }
                }
                return Nd4j.create(v, shape, 'c').castTo(x.dataType());
            }

            @Override
            public int label(int index) {
                return in.label(index);
            }

            @Override
            public Optional<String> origin(int index) {
                return in.origin(index);
            }
        };
    }

    /** The embedding's rows scaled to unit norm (a zero row stays zero). */
    static float[] normalised(Embeddings.Matrix m) {
        float[] v = m.values().clone();
        int d = m.dimension();
        for (int r = 0; r < m.rows(); r++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += (double) v[r * d + i] * v[r * d + i];
            }
            if (s > 0) {
                float inv = (float) (1 / Math.sqrt(s));
                for (int i = 0; i < d; i++) {
                    v[r * d + i] *= inv;
                }
            }
        }
        return v;
    }

    /**
     * The candidate descriptors of some pixels in halves ({@link PixelDescriptors#halves}): the mirror-symmetric
     * halves row after row, then the antisymmetric ones.
     */
    private static float[][] descriptors(PixelDescriptors.Pixels[] pixels) {
        int half = PixelDescriptors.CELLS / 2;
        float[][] out = {new float[pixels.length * half], new float[pixels.length * half]};
        IntStream.range(0, pixels.length).parallel().forEach(r -> {
            float[] h = PixelDescriptors.halves(PixelDescriptors.descriptor(pixels[r].grid(), false));
            System.arraycopy(h, 0, out[0], r * half, half);
            System.arraycopy(h, half, out[1], r * half, half);
        });
        return out;
    }

    /**
     * The {@code k} base rows of largest score with each query row, largest first, ties by the lower row, the score
     * made of one or two dot products: {@code q1 · b1}; with second rows, either {@code max(q1 · b1, q2 · b2)} (a
     * query and its mirror against the same base) or {@code q1 · b1 + |q2 · b2|} (the mirror-symmetric and
     * antisymmetric halves of a grid: the larger of a grid's and its mirror's correlation). Each product is one
     * matrix product per block of queries.
     *
     * @param q1 the query rows, {@code d} values each
     * @param q2 the second query rows, or null
     * @param b1 the base rows
     * @param b2 the second base rows (as many), or null
     * @param d the width of a row
     * @param sumAbs whether the score is {@code p1 + |p2|} rather than {@code max(p1, p2)}
     * @param k how many each query gets (fewer when the base has fewer)
     * @param self whether the base is the queries themselves (a query's own row is then skipped)
     * @return the rows found, per query, ascending
     */
    static int[][] mostSimilar(float[] q1, float[] q2, float[] b1, float[] b2, int d, boolean sumAbs, int k,
            boolean self) {
        int m = d == 0 ? 0 : q1.length / d;
        int n = d == 0 ? 0 : b1.length / d;
        int[][] out = new int[m][];
        int want = Math.min(k, self ? n - 1 : n);
        if (want <= 0) {
            Arrays.fill(out, new int[0]);
            return out;
        }
        boolean two = q2 != null && b2 != null;
        int block = Math.max(1, Math.min(m, NearestTraining.BLOCK_VALUES / ((two ? 2 : 1) * n)));
        try (INDArray base1 = Nd4j.create(b1, new long[] {n, d}, 'c');
                INDArray base2 = two ? Nd4j.create(b2, new long[] {n, d}, 'c') : null) {
            INDArray t1 = base1.transpose();
            INDArray t2 = two ? base2.transpose() : null;
            for (int from = 0; from < m; from += block) {
                int to = Math.min(m, from + block);
                float[] p1 = products(q1, from, to, d, t1);
                float[] p2 = two ? products(q2, from, to, d, t2) : null;
                int start = from;
                IntStream.range(from, to).parallel().forEach(q -> out[q] = top(p1, p2, sumAbs, (q - start) * n, n,
                        want, self ? q : -1));
            }
        }
        return out;
    }

    private static float[] products(float[] rows, int from, int to, int d, INDArray baseT) {
        try (INDArray q = Nd4j.create(Arrays.copyOfRange(rows, from * d, to * d), new long[] {to - from, d}, 'c');
                INDArray p = q.mmul(baseT)) {
            return p.data().asFloat();
        }
    }

    /** The {@code k} largest scores' columns of one row, ascending by column. */
    private static int[] top(float[] p1, float[] p2, boolean sumAbs, int off, int n, int k, int skip) {
        float[] bestV = new float[k];
        int[] bestJ = new int[k];
        int size = 0;
        for (int j = 0; j < n; j++) {
            if (j == skip) {
                continue;
            }
            float v = p2 == null ? p1[off + j] : sumAbs ? p1[off + j] + Math.abs(p2[off + j])
                    : Math.max(p1[off + j], p2[off + j]);
            if (size == k && !(v > bestV[k - 1])) {
                continue;
            }
            int at = size < k ? size++ : k - 1;
            while (at > 0 && bestV[at - 1] < v) { // strictly smaller moves down: ties keep the lower column first
                bestV[at] = bestV[at - 1];
                bestJ[at] = bestJ[at - 1];
                at--;
            }
            bestV[at] = v;
            bestJ[at] = j;
        }
        int[] rows = Arrays.copyOf(bestJ, size);
        Arrays.sort(rows);
        return rows;
    }

    private static int[] union(int[] a, int[] b) {
        return IntStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct().sorted().toArray();
    }

    private static int lowerBound(long[] sorted, long key) {
        int at = Arrays.binarySearch(sorted, key);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && sorted[at - 1] == key) {
            at--;
        }
        return at;
    }
}
