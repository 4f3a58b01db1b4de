package io.github.erroranalysis.bench;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Issue 4's overhead check (a main method, never run by {@code mvn verify}): analysing a CNN on 10,000 CIFAR-sized
 * images against plain batched {@code output()} on the same batches, alternating, medians of the rounds.
 *
 * <p>Run after {@code mvn -pl error-analysis test-compile} with the test class path:
 * {@code java -cp <test classpath> io.github.erroranalysis.bench.InferenceOverheadBenchmark [rounds]}.
 */
public final class InferenceOverheadBenchmark {

    private static final int EXAMPLES = 10_000;
    private static final int BATCH = 250;
    private static final int CLASSES = 10;

    private InferenceOverheadBenchmark() {
    }

    /**
     * Runs the comparison and prints the medians and the overhead.
     *
     * @param args optionally the number of rounds (default 5)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        MultiLayerNetwork net = network();
        Nd4j.getRandom().setSeed(11);
        List<DataSet> batches = new ArrayList<>();
        for (int b = 0; b < EXAMPLES / BATCH; b++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 3, 32, 32);
            INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES);
            for (int i = 0; i < BATCH; i++) {
                y.putScalar(i, (b * BATCH + i) % CLASSES, 1);
            }
            batches.add(new DataSet(x, y));
        }
        double[] plain = new double[rounds];
        double[] analysed = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            long t0 = System.nanoTime();
            double sink = 0;
            for (DataSet batch : batches) {
                sink += net.output(batch.getFeatures(), false).getDouble(0, 0);
            }
            long t1 = System.nanoTime();
            ErrorAnalysis analysis = ErrorAnalysis.of(net, new ListDataSetIterator<>(batches, BATCH));
            long t2 = System.nanoTime();
            if (r >= 0) {
                plain[r] = (t1 - t0) / 1e6;
                analysed[r] = (t2 - t1) / 1e6;
            }
            if (analysis.examples() != EXAMPLES || Double.isNaN(sink)) {
                throw new IllegalStateException("unexpected analysis of " + analysis.examples() + " examples");
            }
        }
        double p = median(plain);
        double a = median(analysed);
        System.out.printf(Locale.ROOT, "10,000 images, batches of %d: plain output() median %.1f ms, "
                + "ErrorAnalysis.of median %.1f ms, overhead %+.1f %% (goal at most +5 %%)%n", BATCH, p, a,
                100 * (a / p - 1));
    }

    private static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder().kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder().kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(64).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
