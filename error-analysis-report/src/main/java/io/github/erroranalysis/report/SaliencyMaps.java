package io.github.erroranalysis.report;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.io.Formats;
import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Resampling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the saliency maps of a report's explained examples, their faithfulness and the sanity check.
 *
 * <p>Each explained example (a wrong prediction; the explained class is its predicted class) gets a Grad-CAM map
 * ({@link GradCam}, inference mode); the detailed ones (the mistakes the report draws in a grid, listed first) also an
 * occlusion map ({@link Occlusion} with the default 4×4 patch at stride {@value #DETAILED_STRIDE}, 225 positions: the
 * drop of the class's probability under a grey patch, averaged per pixel) and {@value #DETAILED_RANDOM_ORDERS}
 * random deletion orders, the others {@value #LIGHT_RANDOM_ORDERS} (the gallery's maps; an 8×8, stride 8 occlusion map stands in when Grad-CAM cannot be
 * made). A grid mistake so costs 226 occlusion images (225 positions and the intact image) and 1 + (2 maps + {@value
 * #DETAILED_RANDOM_ORDERS} random orders) × {@value Deletion#STEPS} steps = 81 deletion images, 307 classified images in
 * all, and another mistake 1 + (1 + {@value #LIGHT_RANDOM_ORDERS}) × {@value Deletion#STEPS} = 33 (see
 * {@link #detailedImages()} and {@link #lightImages()}); each map's {@code settings} and {@code randomOrders} say how
 * it was made. The occlusion and deletion images of
 * {@value #GROUP} examples are classified together, in calls of {@value #CALL} images. Each map's faithfulness is its
 * deletion curve against random orders ({@link Deletion}); each method's mean
 * faithfulness over the examples gets a percentile bootstrap interval ({@link Resampling}). The sanity check
 * (Adebayo et al. 2018) compares, for up to {@value #SANITY_EXAMPLES} examples, the Grad-CAM map with that of a copy
 * of the model whose parameters were re-drawn at random, by Spearman's rank correlation of the pre-ReLU
 * class-activation maps (the weighted sums before Grad-CAM's ReLU, which a randomised model rarely makes constant);
 * examples whose pre-ReLU map is still constant are left out and counted; it passes when the mean correlation of the
 * others is below {@value #SANITY_THRESHOLD}, and is inconclusive when none is left.
 *
 * <p>Images are read as {@code [n, channels, height, width]}; a model whose convolutions take NHWC input gets no maps
 * (one warning). A failure of one example's occlusion or deletion, or of the sanity check, leaves that out with one
 * warning instead of failing the report.
 */
final class SaliencyMaps {

    private static final Logger LOG = LoggerFactory.getLogger(SaliencyMaps.class);

    /** How many explained examples (the first ones) are detailed when the caller does not say. */
    static final int FULL_OCCLUSION = 16;
    /** The occlusion stride of the detailed examples: the default 2 (225 positions of the default 4×4 patch). */
    static final int DETAILED_STRIDE = OcclusionSettings.DEFAULT_STRIDE;
    /** The coarse occlusion patch of the other examples. */
    static final int COARSE_PATCH = 8;
    /** The coarse occlusion stride. */
    static final int COARSE_STRIDE = 8;
    /** The random deletion orders of the detailed examples. */
    static final int DETAILED_RANDOM_ORDERS = 8;
    /** The random deletion orders of the examples that are not detailed. */
    static final int LIGHT_RANDOM_ORDERS = 3;
    /** Examples whose occlusion and deletion images are made and classified together (bounds the memory). */
    static final int GROUP = 64;
    /** The images of every classifier call. */
    static final int CALL = 256;
    /** How many examples the sanity check compares. */
    static final int SANITY_EXAMPLES = 8;
    /** The mean rank correlation below which the sanity check passes. */
    static final double SANITY_THRESHOLD = 0.5;
    /** The bootstrap resamples of each method's mean faithfulness. */
    static final int RESAMPLES = 1000;
    /** Examples per Grad-CAM batch. */
    private static final int BATCH = 64;

    /**
     * The maps of the explained examples, the per-method faithfulness and the sanity check.
     *
     * @param maps the maps of each example
     * @param faithfulness the mean faithfulness of each method with its interval
     * @param sanityCheck the sanity check, when one ran
     */
    record Result(Map<Integer, List<SaliencyMap>> maps, Map<String, Interval> faithfulness,
            Optional<SanityCheck> sanityCheck) {

        /** No maps. */
        static final Result EMPTY = new Result(Map.of(), Map.of(), Optional.empty());
    }

    private SaliencyMaps() {
    }

    /** The images classified for one detailed (grid) mistake: occlusion at the default settings and deletion. */
    static int detailedImages() {
        int positions = (32 - OcclusionSettings.DEFAULT_PATCH) / DETAILED_STRIDE + 1;
        return positions * positions + 1 + 1 + (2 + DETAILED_RANDOM_ORDERS) * Deletion.STEPS;
    }

    /** The images classified for one other mistake: the deletion of its Grad-CAM map. */
    static int lightImages() {
        return 1 + (1 + LIGHT_RANDOM_ORDERS) * Deletion.STEPS;
    }

    /** The 2-D convolutions' input format of a model: NHWC when its first convolution layer takes NHWC. */
    static org.deeplearning4j.nn.conf.CNN2DFormat inputFormat(Model model) {
        org.deeplearning4j.nn.api.Layer[] layers = model instanceof MultiLayerNetwork n ? n.getLayers()
                : model instanceof ComputationGraph g ? g.getLayers() : new org.deeplearning4j.nn.api.Layer[0];
        for (org.deeplearning4j.nn.api.Layer l : layers) {
            if (l.conf() != null && l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.ConvolutionLayer c
                    && c.getCnn2dDataFormat() != null) {
                return c.getCnn2dDataFormat();
            }
        }
        return org.deeplearning4j.nn.conf.CNN2DFormat.NCHW;
    }

    /** The analysis's classifier of a DL4J model, or empty for another kind of model. */
    static Optional<Classifier> classifier(Model model) {
        if (model instanceof MultiLayerNetwork n) {
            return Optional.of(Classifier.of(n));
        }
        if (model instanceof ComputationGraph g) {
            return Optional.of(Classifier.of(g));
        }
        return Optional.empty();
    }

    /**
     * Maps the examples: occlusion and Grad-CAM for each, each with its faithfulness, the per-method means and the
     * sanity check.
     *
     * @param model the model
     * @param inputs the analysed examples as the model takes them
     * @param analysis the analysis
     * @param examples the examples to map, the grid mistakes first
     * @param seed the seed of the random orders and the randomised model
     * @return the maps
     */
    static Result explain(Model model, ModelInputs inputs, ErrorAnalysis analysis, List<Integer> examples, long seed) {
        return explain(model, inputs, analysis, examples, Math.min(examples.size(), FULL_OCCLUSION), seed);
    }

    /**
     * Maps the examples, the first {@code detailed} in detail (default occlusion, more random orders).
     *
     * @param model the model
     * @param inputs the analysed examples as the model takes them
     * @param analysis the analysis
     * @param examples the examples to map, the detailed ones first
     * @param detailed how many of the first examples are detailed
     * @param seed the seed of the random orders and the randomised model
     * @return the maps
     */
    static Result explain(Model model, ModelInputs inputs, ErrorAnalysis analysis, List<Integer> examples,
            int detailed, long seed) {
        Optional<Classifier> found = classifier(model);
        if (found.isEmpty() || examples.isEmpty()) {
            if (found.isEmpty()) {
                LOG.warn("no saliency maps: the model is a {}, not a MultiLayerNetwork or ComputationGraph",
                        model.getClass().getName());
            }
            return Result.EMPTY;
        }
        Classifier classifier = found.get();
        if (inputFormat(model) == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC) {
            LOG.warn("no saliency maps: the model's convolutions take NHWC input [n, height, width, channels]; Grad-CAM, "
                    + "occlusion and deletion read images as NCHW [n, channels, height, width]");
            return Result.EMPTY;
        }
        long started = System.nanoTime();
        GradCam gradCam = null;
        try {
            gradCam = GradCam.of(model);
        } catch (IllegalArgumentException e) {
            LOG.warn("no Grad-CAM maps: {}", e.getMessage());
        }
        int n = examples.size();
        INDArray[] images = new INDArray[n];
        int[] classes = new int[n];
        for (int k = 0; k < n; k++) {
            int i = examples.get(k);
            images[k] = inputs.inputs(i, i + 1);
            classes[k] = analysis.predictedClass(i);
        }
        double[][] cams = new double[n][];
        if (gradCam != null) {
            try {
                for (int from = 0; from < n; from += BATCH) {
                    int to = Math.min(n, from + BATCH);
                    double[][] part = gradCam.maps(Nd4j.concat(0, Arrays.copyOfRange(images, from, to)),
                            Arrays.copyOfRange(classes, from, to));
                    System.arraycopy(part, 0, cams, from, part.length);
                }
            } catch (RuntimeException e) {
                LOG.warn("no Grad-CAM maps: {}", e.getMessage());
                gradCam = null;
                cams = new double[n][];
            }
        }
        OcclusionSettings full = OcclusionSettings.defaults().withSeed(seed).withPatch(OcclusionSettings.DEFAULT_PATCH,
                DETAILED_STRIDE);
        OcclusionSettings coarse = full.withPatch(COARSE_PATCH, COARSE_STRIDE);
        Map<Integer, List<SaliencyMap>> maps = new LinkedHashMap<>();
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        scores.put(SaliencyMap.OCCLUSION, new ArrayList<>());
        if (gradCam != null) {
            scores.put(SaliencyMap.GRAD_CAM, new ArrayList<>());
        }
        for (int from = 0; from < n; from += GROUP) {
            int to = Math.min(n, from + GROUP);
            // occlusion: the detailed examples at the default settings; the others only when Grad-CAM failed
            List<Occlusion.Batch> batches = new ArrayList<>();
            for (int k = from; k < to; k++) {
                Occlusion.Batch batch = null;
                try {
                    batch = k < detailed ? Occlusion.batch(images[k], full)
                            : cams[k] == null ? Occlusion.batch(images[k], coarse) : null;
                } catch (RuntimeException e) {
                    LOG.warn("no occlusion map of example {}: {}", examples.get(k), e.getMessage());
                }
                batches.add(batch);
            }
            Probabilities occluded;
            try {
                occluded = classify(classifier, batches.stream().filter(java.util.Objects::nonNull)
                        .map(Occlusion.Batch::pixels).toList(), images[from]);
            } catch (RuntimeException e) {
                LOG.warn("no occlusion maps of examples {} to {}: {}", examples.get(from), examples.get(to - 1),
                        e.getMessage());
                java.util.Collections.fill(batches, null);
                occluded = new Probabilities(new float[0], 0);
            }
            List<OcclusionMap> occlusions = new ArrayList<>();
            List<Deletion.Plan> plans = new ArrayList<>();
            int row = 0;
            for (int k = from; k < to; k++) {
                Occlusion.Batch batch = batches.get(k - from);
                List<double[]> values = new ArrayList<>();
                OcclusionMap occlusion = null;
                if (batch != null) {
                    try {
                        occlusion = batch.read(occluded.values(), occluded.classes(), row, classes[k]);
                        values.add(flatten(occlusion.pixelSensitivity()));
                    } catch (RuntimeException e) {
                        LOG.warn("no occlusion map of example {}: {}", examples.get(k), e.getMessage());
                        occlusion = null;
                    }
                    row += batch.images();
                }
                occlusions.add(occlusion);
                if (cams[k] != null) {
                    values.add(cams[k]);
                }
                Deletion.Plan plan = null;
                if (!values.isEmpty()) {
                    try {
                        plan = Deletion.plan(images[k], values, k < detailed ? DETAILED_RANDOM_ORDERS
                                : LIGHT_RANDOM_ORDERS, seed * 31 + examples.get(k));
                    } catch (RuntimeException e) {
                        LOG.warn("no saliency maps of example {}: deletion failed: {}", examples.get(k),
                                e.getMessage());
                    }
                }
                plans.add(plan);
            }
            Probabilities deleted;
            try {
                deleted = classify(classifier, plans.stream().filter(java.util.Objects::nonNull)
                        .map(Deletion.Plan::batch).toList(), images[from]);
            } catch (RuntimeException e) {
                LOG.warn("no saliency maps of examples {} to {}: deletion failed: {}", examples.get(from),
                        examples.get(to - 1), e.getMessage());
                java.util.Collections.fill(plans, null);
                deleted = new Probabilities(new float[0], 0);
            }
            double[] p = new double[deleted.values().length];
            for (int q = 0; q < p.length; q++) {
                p[q] = deleted.values()[q];
            }
            row = 0;
            for (int k = from; k < to; k++) {
                int i = examples.get(k);
                Deletion.Plan plan = plans.get(k - from);
                if (plan == null) {
                    continue;
                }
                List<Faithfulness> f;
                try {
                    f = plan.score(p, deleted.classes(), row, classes[k]);
                } catch (RuntimeException e) {
                    LOG.warn("no saliency maps of example {}: deletion failed: {}", i, e.getMessage());
                    continue;
                } finally {
                    row += plan.images();
                }
                OcclusionMap occlusion = occlusions.get(k - from);
                List<SaliencyMap> m = new ArrayList<>();
                int next = 0;
                if (occlusion != null) {
                    m.add(new SaliencyMap(SaliencyMap.OCCLUSION, Formats.format("%d×%d patch, stride %d, %d positions",
                            occlusion.patch(), occlusion.patch(), occlusion.stride(), occlusion.positions()),
                            classes[k], plan.height(), plan.width(), boxed(flatten(occlusion.pixelSensitivity())),
                            f.get(next)));
                    scores.get(SaliencyMap.OCCLUSION).add(f.get(next).score());
                    next++;
                }
                if (cams[k] != null) {
                    m.add(new SaliencyMap(SaliencyMap.GRAD_CAM, gradCam.describe(), classes[k], plan.height(),
                            plan.width(), boxed(cams[k]), f.get(next)));
                    scores.get(SaliencyMap.GRAD_CAM).add(f.get(next).score());
                }
                maps.put(i, List.copyOf(m));
            }
        }
        Map<String, Interval> faithfulness = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : scores.entrySet()) {
            if (!e.getValue().isEmpty()) {
                faithfulness.put(e.getKey(), meanInterval(e.getValue().stream().mapToDouble(Double::doubleValue)
                        .toArray(), seed));
            }
        }
        Optional<SanityCheck> sanity = Optional.empty();
        if (gradCam != null) {
            try {
                sanity = Optional.of(sanityCheck(gradCam, examples, images, classes, cams, seed));
            } catch (RuntimeException e) {
                LOG.warn("no saliency sanity check: {}", e.getMessage());
            }
        }
        LOG.debug("saliency: {} examples mapped (occlusion{}), faithfulness and sanity check in {} ms", n,
                gradCam == null ? "" : " and Grad-CAM", (System.nanoTime() - started) / 1_000_000);
        return new Result(maps, faithfulness, sanity);
    }

    /**
     * Probabilities of many images.
     *
     * @param values row-major {@code [images, classes]}
     * @param classes the number of classes
     */
    record Probabilities(float[] values, int classes) {
    }

    /**
     * Classifies images given as consecutive parts (each a whole number of images) in calls of exactly
     * {@value #CALL} images, the last one padded with zeros: one shape for every call, so the model's workspaces are
     * not re-sized between calls (which costs more than the forward pass of a small batch).
     */
    static Probabilities classify(Classifier classifier, List<float[]> parts, INDArray like) {
        long[] shape = like.shape();
        int channels = (int) shape[shape.length - 3];
        int height = (int) shape[shape.length - 2];
        int width = (int) shape[shape.length - 1];
        int size = channels * height * width;
        long total = 0;
        for (float[] part : parts) {
            total += part.length;
        }
        int images = (int) (total / size);
        float[] out = null;
        int classes = 0;
        float[] chunk = new float[CALL * size];
        int partIndex = 0;
        int partOffset = 0;
        for (int first = 0; first < images; first += CALL) {
            int count = Math.min(CALL, images - first);
            int filled = 0;
            while (filled < count * size) {
                float[] part = parts.get(partIndex);
                int take = Math.min(part.length - partOffset, count * size - filled);
                System.arraycopy(part, partOffset, chunk, filled, take);
                filled += take;
                partOffset += take;
                if (partOffset == part.length) {
                    partIndex++;
                    partOffset = 0;
                }
            }
            java.util.Arrays.fill(chunk, filled, chunk.length, 0f);
            INDArray features = Nd4j.create(chunk, new long[] {CALL, channels, height, width}, 'c');
            if (like.dataType() != features.dataType()) {
                features = features.castTo(like.dataType());
            }
            INDArray probabilities = classifier.probabilities(features);
            if (probabilities.rank() != 2 || probabilities.size(0) != CALL) {
                throw new IllegalStateException("the classifier answered " + CALL + " images with shape "
                        + Arrays.toString(probabilities.shape()) + " instead of " + CALL + " rows of probabilities");
            }
            if (out == null) {
                classes = (int) probabilities.size(1);
                out = new float[images * classes];
            }
            float[] p = probabilities.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(p, 0, out, first * classes, count * classes);
        }
        return new Probabilities(out == null ? new float[0] : out, classes);
    }

    /** The mean of per-example scores with a percentile bootstrap interval over the examples. */
    static Interval meanInterval(double[] scores, long seed) {
        double mean = mean(scores, null);
        return Resampling.percentile(scores.length, seed, RESAMPLES, Deletion.LEVEL, mean,
                draws -> mean(scores, draws));
    }

    private static double mean(double[] values, int[] draws) {
        double sum = 0;
        int count = draws == null ? values.length : draws.length;
        for (int k = 0; k < count; k++) {
            sum += values[draws == null ? k : draws[k]];
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /**
     * The pre-ReLU class-activation maps of the first examples against those of a randomised copy of the model;
     * examples whose map (either one) is constant are left out and counted. When every map of the copy is constant
     * (its gradient vanished), the copy is drawn again with zero-mean weights ({@link GradCam#randomised(long,
     * boolean)}).
     */
    static SanityCheck sanityCheck(GradCam gradCam, List<Integer> examples, INDArray[] images, int[] classes,
            double[][] cams, long seed) {
        int m = Math.min(SANITY_EXAMPLES, examples.size());
        INDArray first = Nd4j.concat(0, Arrays.copyOf(images, m));
        int[] explained = Arrays.copyOf(classes, m);
        double[][] own = gradCam.maps(first, explained, false);
        double[][] other = gradCam.randomised(seed).maps(first, explained, false);
        if (Arrays.stream(other).allMatch(SaliencyMaps::isConstant)) {
            // every map of the copy constant: its weights, drawn around the trained mean, silenced a ReLU layer
            // (a wide dense layer with a negative mean weight); draw the weights around zero instead
            other = gradCam.randomised(seed, true).maps(first, explained, false);
        }
        List<Integer> compared = new ArrayList<>();
        List<Double> correlations = new ArrayList<>();
        int constant = 0;
        double sum = 0;
        for (int k = 0; k < m; k++) {
            if (isConstant(own[k]) || isConstant(other[k])) {
                constant++;
                continue;
            }
            double r = spearman(own[k], other[k]);
            compared.add(examples.get(k));
            correlations.add(r);
            sum += r;
        }
        return new SanityCheck(SaliencyMap.GRAD_CAM, compared, correlations,
                correlations.isEmpty() ? Double.NaN : sum / correlations.size(), SANITY_THRESHOLD, constant);
    }

    /** Constant up to rounding (the bilinear upsampling of a constant map is constant only to ~1e-16). */
    private static boolean isConstant(double[] map) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : map) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo <= 1e-9 * Math.max(1e-30, Math.max(Math.abs(lo), Math.abs(hi)));
    }

    /** Spearman's rank correlation (average ranks for ties); 0 when either map is constant. */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += ra[i];
            mb += rb[i];
        }
        ma /= a.length;
        mb /= a.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        if (saa == 0 || sbb == 0) {
            return 0;
        }
        return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
    }

    private static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] index = new Integer[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        Arrays.sort(index, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[index[j + 1]] == v[index[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[index[k]] = rank;
            }
            i = j + 1;
        }
        return r;
    }

    private static double[] flatten(double[][] map) {
        int w = map[0].length;
        double[] out = new double[map.length * w];
        for (int y = 0; y < map.length; y++) {
            System.arraycopy(map[y], 0, out, y * w, w);
        }
        return out;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
