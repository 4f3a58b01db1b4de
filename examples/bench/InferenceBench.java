import io.github.erroranalysis.AnalysisOptions;
import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.examples.BundledSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model side of {@code examples/bench.sh}, run as a single-file program on the fat jar's class path
 * ({@code java -cp cifar-errors.jar examples/bench/InferenceBench.java ...}).
 *
 * <p>It measures, on the bundled baseline model with the native layer helpers the CLI uses: (1) what the analysis
 * adds over inference, the median wall time of {@code ErrorAnalysis.of} (the one pass that keeps every example's
 * outputs, the confusion matrix and the accuracy) against a bare {@code network.output} loop over the same batches of
 * the same images, as {@code cifar-errors analyze --model} batches them (128); (2) the CNN's inference images/second
 * on random 1,000-image batches, the same measurement as the PyTorch peer {@code torch_cnn.py}. The analysis and the
 * bare loop are timed in back-to-back pairs, their order alternating; {@code analysisOverOutput} is the median of the
 * pairs' ratios ({@code fastestOverFastest}: the fastest analysis over the fastest bare loop, the least disturbed
 * runs of a busy machine). Options:
 * {@code --archive PATH} (a CIFAR-10 archive: its {@code data_batch_1.bin}, 10,000 images; without it the bundled
 * 1,000-image sample repeated), {@code --images N}, {@code --repeats R}, {@code --seconds S}. The last line is
 * {@code RESULT images=N bareMs=... analysisMs=... analysisOverOutput=... inferImgPerS=...}.
 */
public final class InferenceBench {

    private static final int ANALYZE_BATCH = 128;
    private static final int INFER_BATCH = 1000;

    private InferenceBench() {
    }

    /**
     * Runs both measurements and prints their medians.
     *
     * @param args the options of the class comment
     * @throws Exception if the model or the images cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path archive = null;
        int images = 10_000;
        int repeats = 3;
        double seconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--archive" -> archive = Path.of(args[i + 1]);
                case "--images" -> images = Integer.parseInt(args[i + 1]);
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --archive PATH --images N --repeats R --seconds S");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        }
        CifarModel model = BundledModels.baseline();
        MultiLayerNetwork network = model.network();
        CifarDataset data = images(archive, images);
        System.out.printf(Locale.ROOT, "model baseline, %d images (%s), batches of %d, %d repeats%n", data.size(),
                archive != null && Files.exists(archive) ? archive + " data_batch_1.bin" : "bundled sample repeated",
                ANALYZE_BATCH, repeats);

        // (1) the analysis against a bare output loop, after one warm-up of each: in pairs measured back to back, the
        // order alternating (ABBA), so that a change in the machine's load hits both alike; the ratio is the median of
        // the pairs' ratios
        bare(model, network, data);
        analysis(model, network, data);
        double[] bareMs = new double[repeats];
        double[] analysisMs = new double[repeats];
        double[] ratios = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            double accuracy;
            if (r % 2 == 0) {
                bareMs[r] = millis(() -> bare(model, network, data));
                long t = System.nanoTime();
                accuracy = analysis(model, network, data);
                analysisMs[r] = (System.nanoTime() - t) / 1e6;
            } else {
                long t = System.nanoTime();
                accuracy = analysis(model, network, data);
                analysisMs[r] = (System.nanoTime() - t) / 1e6;
                bareMs[r] = millis(() -> bare(model, network, data));
            }
            ratios[r] = analysisMs[r] / bareMs[r];
            System.out.printf(Locale.ROOT, "  pair %d: output loop %.0f ms, ErrorAnalysis.of %.0f ms, ratio %.3f "
                    + "(accuracy %.4f)%n", r + 1, bareMs[r], analysisMs[r], ratios[r], accuracy);
        }

        // (2) inference images/second on random batches of 1,000, as the PyTorch peer measures it
        INDArray batch = Nd4j.rand(DataType.FLOAT, INFER_BATCH, 3, 32, 32);
        network.output(batch, false);
        network.output(batch, false);
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            int done = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            do {
                network.output(batch, false);
                done++;
            } while (System.nanoTime() < end);
            rates[r] = done * (double) INFER_BATCH / ((System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "  repeat %d: inference %.0f img/s%n", r + 1, rates[r]);
        }
        double bare = median(bareMs);
        double analysis = median(analysisMs);
        // on a busy machine the fastest run of each is the least disturbed: their ratio is printed too
        double fastest = Arrays.stream(analysisMs).min().orElseThrow() / Arrays.stream(bareMs).min().orElseThrow();
        System.out.printf(Locale.ROOT, "RESULT images=%d bareMs=%.0f analysisMs=%.0f analysisOverOutput=%.3f "
                + "fastestOverFastest=%.3f inferImgPerS=%.0f%n", data.size(), bare, analysis, median(ratios), fastest,
                median(rates));
    }

    /** The first {@code n} images of the archive's first training batch, or the bundled sample repeated. */
    private static CifarDataset images(Path archive, int n) throws Exception {
        CifarDataset all;
        if (archive != null && Files.exists(archive)) {
            all = Cifar10.open(archive).batch("data_batch_1.bin");
        } else {
            CifarDataset sample = BundledSample.load();
            all = sample;
            while (all.size() < n) {
                all = all.concat(sample);
            }
        }
        return all.size() <= n ? all : all.subset(IntStream.range(0, n).toArray());
    }

    /** Something measured that may throw. */
    private interface Work {
        void run() throws Exception;
    }

    private static double millis(Work work) throws Exception {
        long t = System.nanoTime();
        work.run();
        return (System.nanoTime() - t) / 1e6;
    }

    /** A bare inference loop: every batch through {@code network.output}, nothing kept. */
    private static void bare(CifarModel model, MultiLayerNetwork network, CifarDataset data) throws Exception {
        DataSetIterator batches = model.iterator(data, ANALYZE_BATCH);
        while (batches.hasNext()) {
            network.output(batches.next().getFeatures(), false).close();
        }
    }

    /** The analysis as the CLI makes it (quietly), returning its accuracy so that nothing is left unused. */
    private static double analysis(CifarModel model, MultiLayerNetwork network, CifarDataset data) throws Exception {
        AnalysisOptions options = AnalysisOptions.defaults().withClassNames(model.classNames()).quietly();
        ErrorAnalysis analysis = ErrorAnalysis.of(Classifier.of(network), model.iterator(data, ANALYZE_BATCH),
                options);
        return analysis.accuracy();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
