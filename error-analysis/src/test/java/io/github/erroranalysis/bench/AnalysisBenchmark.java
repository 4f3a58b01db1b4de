package io.github.erroranalysis.bench;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.ErrorAnalysisAccumulator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.EvaluationCalibration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full error analysis of N×10 softmax outputs (the same data as shared/anchors/sklearn_metrics_speed.py:
 * standard-normal logits × 2, softmaxed, uniform labels) against ND4J's {@code Evaluation} (top-3) plus
 * {@code EvaluationCalibration} on the same arrays, with a plain array sum to measure memory bandwidth.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AnalysisBenchmark {

    private static final int CLASSES = 10;
    private static final List<String> NAMES = IntStream.range(0, CLASSES).mapToObj(c -> "class " + c).toList();

    /** Number of examples. */
    @Param("1000000")
    public int n;

    private INDArray probabilities;
    private INDArray oneHot;
    private int[] labels;
    private float[] rawProbabilities;

    /** Builds the data once. */
    @Setup
    public void setUp() {
        Random random = new Random(7);
        rawProbabilities = new float[n * CLASSES];
        float[] hot = new float[n * CLASSES];
        labels = new int[n];
        double[] e = new double[CLASSES];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                e[c] = (float) (random.nextGaussian() * 2);
                max = Math.max(max, e[c]);
            }
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) {
                e[c] = Math.exp(e[c] - max);
                sum += e[c];
            }
            for (int c = 0; c < CLASSES; c++) {
                rawProbabilities[i * CLASSES + c] = (float) (e[c] / sum);
            }
            labels[i] = random.nextInt(CLASSES);
            hot[i * CLASSES + labels[i]] = 1f;
        }
        probabilities = Nd4j.create(rawProbabilities, new long[] {n, CLASSES}, DataType.FLOAT);
        oneHot = Nd4j.create(hot, new long[] {n, CLASSES}, DataType.FLOAT);
    }

    /** Everything the analysis offers, from the ND4J arrays: one bulk copy, the shared pass, every accessor. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void errorAnalysisFromPredictions(Blackhole bh) {
        consumeAll(ErrorAnalysis.fromPredictions(probabilities, labels, NAMES), bh);
    }

    /** The same through the IEvaluation accumulator (one-hot labels, as doEvaluation passes them) and a snapshot. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public void errorAnalysisAccumulator(Blackhole bh) {
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(NAMES);
        acc.eval(oneHot, probabilities);
        consumeAll(acc.snapshot(), bh);
    }

    /** Memory bandwidth: one pass summing the probabilities and labels (the bytes the analysis must read). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public double memorySum() {
        float[] p = rawProbabilities;
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int i = 0; i < p.length; i += 4) {
            s0 += p[i];
            s1 += p[i + 1];
            s2 += p[i + 2];
            s3 += p[i + 3];
        }
        long l = 0;
        for (int y : labels) {
            l += y;
        }
        return s0 + s1 + s2 + s3 + l;
    }

    /** ND4J's Evaluation with top-3 plus EvaluationCalibration (15 bins) on the same arrays; slow, so one shot. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 2)
    public void nd4jEvaluationAndCalibration(Blackhole bh) {
        Evaluation evaluation = new Evaluation(NAMES, 3);
        EvaluationCalibration calibration = new EvaluationCalibration(15, 15);
        evaluation.eval(oneHot, probabilities);
        calibration.eval(oneHot, probabilities);
        bh.consume(evaluation.accuracy());
        bh.consume(evaluation.topNAccuracy());
        bh.consume(evaluation.f1());
        bh.consume(evaluation.getConfusionMatrix());
        bh.consume(calibration.getReliabilityDiagram(0));
    }

    private static void consumeAll(ErrorAnalysis a, Blackhole bh) {
        bh.consume(a.accuracy());
        bh.consume(a.topKAccuracy(3));
        bh.consume(a.perClassAccuracy());
        bh.consume(a.hardest());
        bh.consume(a.precisionRecallF1());
        bh.consume(a.confusion().mostConfused(5));
        bh.consume(a.calibration());
        bh.consume(a.confidenceBands());
        bh.consume(a.wrong().byConfidence().first(20));
        bh.consume(a.wrong().first(3));
    }
}
