package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The embedding of a graph whose vertices are not all layers (as an imported model's are: merges, element-wise sums,
 * preprocessors): the output of the vertex before the output layer, whatever its index among the layers.
 */
class GraphEmbeddingsTest {

    @Test
    void theVertexBeforeTheOutputLayerIsEmbeddedWhenItIsNoLayer() {
        // vertices: in 0, a 1, b 2, merge 3, out 4; layers: a 0, b 1, out 2 (DL4J's 3-argument feedForward would read
        // layer 3, which does not exist)
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(4).nOut(2).activation(Activation.IDENTITY).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.IDENTITY).build(), "in")
                .addVertex("merge", new MergeVertex(), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "merge")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        SplittableRandom random = new SplittableRandom(5);
        float[] v = new float[7 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        INDArray x = Nd4j.create(v, new long[] {7, 4}, 'c');
        Embeddings.Matrix e = Embeddings.embed(graph, ModelInputs.of(x, new int[7], null),
                IntStream.range(0, 7).toArray(), Embeddings.Listener.NONE);
        INDArray a = x.mmul(graph.getLayer("a").getParam("W")).addRowVector(graph.getLayer("a").getParam("b"));
        INDArray b = x.mmul(graph.getLayer("b").getParam("W")).addRowVector(graph.getLayer("b").getParam("b"));
        float[] expected = Nd4j.hstack(a, b).castTo(DataType.FLOAT).dup('c').data().asFloat();
        assertThat(e.dimension()).isEqualTo(5);
        assertThat(e.values()).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
    }
}
