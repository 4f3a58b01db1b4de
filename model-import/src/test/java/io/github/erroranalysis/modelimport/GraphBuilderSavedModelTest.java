package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.cifar.data.Normalization;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.cifar.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A graph of every kind of layer and vertex the builder makes (BGR input, zero padding, cropping, Same pooling,
 * affine, batch norm, add, concat, flatten, global pooling, the identity output layer) wrapped in a
 * {@link CifarModel}, saved and loaded: the same outputs, bit for bit.
 */
class GraphBuilderSavedModelTest {

    private static final SplittableRandom RANDOM = new SplittableRandom(16);

    private static float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (RANDOM.nextGaussian() * 0.3);
        }
        return v;
    }

    private static ComputationGraph graph(boolean denseEnd) throws ModelImportException {
        GraphBuilder b = new GraphBuilder("all.onnx");
        String in = b.input("input:0", 3, 32, 32, true);
        String h = b.affine("scale", in, new float[] {2f}, new float[] {-1f, 0f, 1f});
        h = b.conv2d("conv/1", h, random(8 * 3 * 9), 8, 3, 3, random(8), new int[] {2, 2}, new int[] {0, 0, 1, 1},
                new int[] {1, 1});
        h = b.batchNorm("bn", h, random(8), random(8), random(8), new float[] {1, 2, 1, 2, 1, 2, 1, 2}, 1e-3);
        h = b.activation("relu", h, new ActivationReLU());
        String r = b.conv2d("conv/2", h, random(8 * 8 * 9), 8, 3, 3, null, new int[] {1, 1}, new int[] {1, 1, 1, 1},
                new int[] {1, 1});
        h = b.activation("lrelu", b.add("add", h, r), new ActivationLReLU(0.1));
        String same = b.maxPool("pool/same", h, new int[] {3, 3}, new int[] {2, 2}, new int[] {0, 0, 1, 1});
        String cropped = b.averagePool("pool/crop", h, new int[] {3, 3}, new int[] {2, 2}, new int[] {2, 2, 0, 0},
                true);
        h = b.concat("concat", List.of(same, cropped));
        String out = denseEnd ? b.dense("fc", b.flatten("flatten", h), random(16 * 8 * 8 * 10), 10, random(10))
                : b.globalAveragePool("gap", b.conv2d("conv/3", h, random(10 * 16), 10, 1, 1, null,
                        new int[] {1, 1}, new int[] {0, 0, 0, 0}, new int[] {1, 1}));
        return b.build(out);
    }

    @Test
    void a_converted_graph_saves_and_loads_as_a_cifar_model(@TempDir Path dir) throws IOException {
        List<String> classes = IntStream.range(0, 10).mapToObj(c -> "class" + c).toList();
        ModelMetadata metadata = new ModelMetadata("all.onnx", false, 0, 0, 0, Double.NaN, "", "test", "");
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 3, 32, 32);
        for (boolean denseEnd : new boolean[] {true, false}) {
            CifarModel model = new CifarModel(graph(denseEnd), classes, Normalization.SCALE_ONLY, metadata);
            Path file = dir.resolve("all-" + denseEnd + ".cifarmodel");
            model.save(file);
            CifarModel read = CifarModel.load(file);
            assertThat(read.model()).isInstanceOf(ComputationGraph.class);
            INDArray before = model.classifier().probabilities(x);
            assertThat(read.classifier().probabilities(x)).isEqualTo(before);
            assertThat(before.sum(1).sub(1).amaxNumber().doubleValue()).isLessThan(1e-5);
        }
    }
}
