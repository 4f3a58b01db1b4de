package com.example.consumer;

import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricContext;
import io.github.erroranalysis.stats.Interval;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A user's program on the core alone: its own classifier, its own labelled data, the analysis of what it gets
 * wrong, and a metric of its own. It also checks that the core brought nothing that draws or asserts.
 */
public final class Main {

    /** What a user of the core alone must not find on the class path: the report, the assertions, their libraries. */
    private static final List<String> NOT_ON_THE_CLASS_PATH = List.of(
            "io.github.erroranalysis.report.ErrorReport",
            "io.github.erroranalysis.assertj.ErrorAnalysisAssertions",
            "org.jfree.chart.JFreeChart",
            "org.assertj.core.api.Assertions",
            "me.tongfei.progressbar.ProgressBar");

    private Main() {
    }

    /** A user's metric: the recall of one class, read from the confusion matrix (rows = true classes). */
    record Recall(int classIndex) implements Metric<Double> {

        @Override
        public String name() {
            return "recall" + classIndex;
        }

        @Override
        public Double compute(MetricContext context) {
            long truth = 0;
            for (int p = 0; p < context.classCount(); p++) {
                truth += context.count(classIndex, p);
            }
            return truth == 0 ? Double.NaN : context.count(classIndex, classIndex) / (double) truth;
        }
    }

    /** A user's metric over the per-example view: the mean probability given to the true class. */
    record MeanTrueProbability() implements Metric<Double> {

        @Override
        public String name() {
            return "meanTrueProbability";
        }

        @Override
        public Double compute(MetricContext context) {
            double sum = 0;
            for (int i = 0; i < context.examples(); i++) {
                sum += context.probability(i, context.trueClass(i));
            }
            return sum / context.examples();
        }
    }

    /**
     * Analyses a classifier that reads the class straight from the feature vector, on data with two planted
     * mistakes, with the built-in numbers and two metrics of its own.
     *
     * @param args unused
     * @throws Exception when a check fails (an IllegalStateException naming the value) or a jar cannot be read
     */
    public static void main(String[] args) throws Exception {
        // features: one-hot of the class each example "looks like"; labels: the truth (examples 1 and 4 mislabelled)
        int[] looksLike = {0, 1, 2, 0, 1, 2, 0, 1};
        int[] truth = {0, 2, 2, 0, 0, 2, 0, 1};
        INDArray features = Nd4j.zeros(looksLike.length, 3);
        INDArray labels = Nd4j.zeros(truth.length, 3);
        for (int i = 0; i < looksLike.length; i++) {
            features.putScalar(i, looksLike[i], 1);
            labels.putScalar(i, truth[i], 1);
        }
        Classifier mine = x -> Transforms.softmax(x.mul(3), true);
        ErrorAnalysis analysis = ErrorAnalysis.of(mine, new DataSet(features, labels));
        ErrorAnalysis named = ErrorAnalysis.fromPredictions(mine.probabilities(features), truth,
                List.of("cat", "dog", "frog"));
        System.out.println(named.summary());
        if (analysis.wrong().size() != 2 || named.accuracy() != 0.75 || !named.hardest().name().equals("frog")) {
            throw new IllegalStateException("unexpected analysis: " + named.summary());
        }

        // a metric of one's own: cats are truly 0, 3, 4 and 6, and 4 is taken for a dog
        double catRecall = named.metric(new Recall(0));
        check(catRecall == 0.75, "recall0 is 0.75", catRecall);
        double meanTrue = named.metric(new MeanTrueProbability());
        check(meanTrue > 0 && meanTrue < 1, "meanTrueProbability is in (0, 1)", meanTrue);
        Interval interval = named.interval(new Recall(0));
        check(interval.lower() <= catRecall && catRecall <= interval.upper() && interval.estimate() == catRecall,
                "the bootstrap interval of recall0 holds 0.75", interval);

        // the core alone: nothing that draws or asserts came with it
        for (String name : NOT_ON_THE_CLASS_PATH) {
            try {
                Class.forName(name);
                throw new IllegalStateException(name + " is on the class path of a project that declares only"
                        + " error-analysis");
            } catch (ClassNotFoundException expected) {
                // as it should be
            }
        }
        // every artifact has a stable module name
        check(moduleName(ErrorAnalysis.class).equals("io.github.erroranalysis"),
                "error-analysis's Automatic-Module-Name is io.github.erroranalysis", moduleName(ErrorAnalysis.class));
        System.out.println("consumer: wrong " + Arrays.toString(named.wrong().indexes()) + ", hardest "
                + named.hardest().name() + ", recall0 " + catRecall + " " + interval + "; no report, no assertions,"
                + " no chart library on the class path");
    }

    private static void check(boolean ok, String expectation, Object actual) {
        if (!ok) {
            throw new IllegalStateException("expected " + expectation + ", but got " + actual);
        }
    }

    /** The Automatic-Module-Name in the manifest of the jar a class was loaded from. */
    private static String moduleName(Class<?> type) throws IOException, URISyntaxException {
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            return name == null ? "none in " + jar : name;
        }
    }
}
