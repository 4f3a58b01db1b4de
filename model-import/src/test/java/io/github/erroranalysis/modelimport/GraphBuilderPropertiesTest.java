package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random op sequences, with sizes, pads and arrays that are often wrong (as a malformed file would give them): the
 * builder gives a graph that runs on its declared input and outputs probabilities, or a one-line
 * {@link ModelImportException} naming the file; never another exception.
 */
class GraphBuilderPropertiesTest {

    private static final String FILE = "random.onnx";

    @Property(tries = 120)
    void random_ops_give_a_working_graph_or_a_model_import_exception(@ForAll long seed) {
        Random r = new Random(seed);
        GraphBuilder b = new GraphBuilder(FILE);
        String outcome = "refused";
        long[] in = {1 + r.nextInt(4), 3 + r.nextInt(8), 3 + r.nextInt(8)};
        try {
            List<String> tensors = new ArrayList<>();
            tensors.add(b.input("x", r.nextInt(20) == 0 ? 0 : in[0], in[1], in[2], r.nextBoolean()));
            int steps = 1 + r.nextInt(6);
            for (int i = 0; i < steps; i++) {
                String t = r.nextInt(25) == 0 ? "absent" : tensors.get(r.nextInt(tensors.size()));
                tensors.add(step(b, r, "n" + i + (r.nextBoolean() ? "/x:0" : ""), t, tensors));
            }
            String last = tensors.get(tensors.size() - 1);
            if (r.nextInt(4) != 0) {
                last = b.flatten("flat", last);
            }
            ComputationGraph graph = b.build(last);
            INDArray output = graph.outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, in[0], in[1], in[2]));
            assertThat(output.rank()).isEqualTo(2);
            assertThat(output.sum(1).sub(1).amaxNumber().doubleValue()).isLessThan(1e-4);
            outcome = "graph";
        } catch (ModelImportException e) {
            assertThat(e.getMessage()).startsWith(FILE + ": ").doesNotContain("\n");
        }
        Statistics.label("outcome").collect(outcome);
        // enough sequences are valid (about a quarter) for the property to test the graphs, not only the refusals
        Statistics.label("outcome").coverage(c -> c.check("graph").percentage(p -> p >= 10));
    }

    private static String step(GraphBuilder b, Random r, String node, String t, List<String> tensors)
            throws ModelImportException {
        long c = channels(b, t, r);
        switch (r.nextInt(11)) {
            case 0 -> {
                long out = 1 + r.nextInt(4);
                int kh = value(r, 3);
                int kw = 1 + r.nextInt(3);
                return b.conv2d(node, t, floats(r, out * c * kh * kw), out, kh, kw,
                        r.nextBoolean() ? null : floats(r, out), pair(r, 3), pads(r), pair(r, 2));
            }
            case 1 -> {
                String flat = image(b, t) && r.nextInt(5) != 0 ? b.flatten(node + "/flatten", t) : t;
                long features = channels(b, flat, r);
                long out = 1 + r.nextInt(5);
                return b.dense(node, flat, floats(r, features * out), out, r.nextBoolean() ? null : floats(r, out));
            }
            case 2 -> {
                return b.maxPool(node, t, pair(r, 3), pair(r, 3), pads(r));
            }
            case 3 -> {
                return b.averagePool(node, t, pair(r, 3), pair(r, 3), pads(r), r.nextBoolean());
            }
            case 4 -> {
                return b.globalAveragePool(node, t);
            }
            case 5 -> {
                float[] variance = floats(r, c);
                for (int i = 0; i < variance.length; i++) {
                    variance[i] = r.nextInt(30) == 0 ? -1 : Math.abs(variance[i]);
                }
                return b.batchNorm(node, t, floats(r, c), floats(r, c), floats(r, c), variance,
                        r.nextInt(20) == 0 ? -1 : 1e-5);
            }
            case 6 -> {
                boolean softmax = image(b, t) ? r.nextInt(5) == 0 : r.nextBoolean();
                return b.activation(node, t, softmax ? new ActivationSoftmax() : new ActivationReLU());
            }
            case 7 -> {
                return b.affine(node, t, floats(r, r.nextBoolean() ? 1 : c), floats(r, r.nextBoolean() ? 1 : c));
            }
            case 8 -> {
                return b.add(node, t, tensors.get(r.nextInt(tensors.size())));
            }
            case 9 -> {
                return b.concat(node, List.of(t, tensors.get(r.nextInt(tensors.size()))));
            }
            default -> {
                return b.flatten(node, t);
            }
        }
    }

    /** Whether a tensor is a known image. */
    private static boolean image(GraphBuilder b, String t) {
        try {
            return !b.shape(t).isFlat();
        } catch (ModelImportException e) {
            return false;
        }
    }

    /** The tensor's channels most of the time, so that many sequences are valid; sometimes a wrong count. */
    private static long channels(GraphBuilder b, String t, Random r) {
        try {
            long c = b.shape(t).channels();
            return r.nextInt(8) == 0 ? c + 1 : c;
        } catch (ModelImportException e) {
            return 1;
        }
    }

    private static float[] floats(Random r, long n) {
        int length = (int) Math.max(0, Math.min(n, 10_000));
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Two values from 1 to {@code to}, now and then 0 or a negative one. */
    private static int[] pair(Random r, int to) {
        return new int[] {value(r, to), value(r, to)};
    }

    private static int value(Random r, int to) {
        int odd = r.nextInt(30);
        return odd == 0 ? 0 : odd == 1 ? -1 : 1 + r.nextInt(to);
    }

    /** Pads from 0 to 2, mostly 0 or 1. */
    private static int[] pads(Random r) {
        int[] p = new int[4];
        for (int i = 0; i < 4; i++) {
            p[i] = r.nextInt(10) == 0 ? 2 : r.nextInt(2);
        }
        return p;
    }
}
