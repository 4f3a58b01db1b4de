package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ClassProbability;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.testing.Schemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.io.ByteArrayInputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A model whose network is a {@link ComputationGraph}: the bundled baseline converted to a graph predicts exactly as
 * the network does, saves with {@code networkType} and loads back as a graph; {@code network()} refuses it; a graph
 * of another input shape, of several outputs or of another class count is refused with a message that says which.
 */
class GraphModelTest {

    private static CifarModel baseline;
    private static CifarModel graphModel;
    private static CifarDataset sample;

    @BeforeAll
    static void convert() throws IOException {
        baseline = BundledModels.baseline();
        MultiLayerNetwork copy = baseline.network().clone();
        ComputationGraph graph = copy.toComputationGraph();
        graphModel = new CifarModel(graph, baseline.classNames(), baseline.normalization(), baseline.metadata());
        sample = SharedData.smallPiles().validation().subset(java.util.stream.IntStream.range(0, 64).toArray());
    }

    @Test
    void a_graph_predicts_as_the_network_it_was_made_from() throws IOException {
        assertThat(graphModel.model()).isInstanceOf(ComputationGraph.class);
        assertThat(baseline.model()).isSameAs(baseline.network());
        INDArray fromGraph = graphModel.predict(sample);
        INDArray fromNetwork = baseline.predict(sample);
        assertThat(fromGraph.equalsWithEps(fromNetwork, 1e-6)).isTrue();
        INDArray features = graphModel.iterator(sample, 64).next().getFeatures();
        assertThat(graphModel.classifier().probabilities(features).equalsWithEps(fromNetwork, 1e-6)).isTrue();
        List<ClassProbability> top = graphModel.topK(sample.image(3), 5);
        assertThat(top).isEqualTo(baseline.topK(sample.image(3), 5));
    }

    @Test
    void network_refuses_a_graph_model_and_names_model() {
        assertThatThrownBy(graphModel::network).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ComputationGraph").hasMessageContaining("model()");
    }

    @Test
    void a_graph_model_saves_with_its_network_type_and_loads_back_as_a_graph(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("graph.cifarmodel");
        graphModel.save(file);
        CifarModel read = CifarModel.load(file);
        assertThat(read.model()).isInstanceOf(ComputationGraph.class);
        assertThat(((ComputationGraph) read.model()).params())
                .isEqualTo(((ComputationGraph) graphModel.model()).params());
        assertThat(read.predict(sample).equalsWithEps(graphModel.predict(sample), 0)).isTrue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        graphModel.write(out);
        String descriptor = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("cifar-model.json")) {
                    descriptor = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(Schemas.tree(descriptor).get("networkType").asText()).isEqualTo(CifarModel.COMPUTATION_GRAPH);
        assertThat(Schemas.problems(CifarModel.DESCRIPTOR_SCHEMA, Schemas.tree(descriptor))).isEmpty();
        // a network model's descriptor stays as before: no networkType
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        baseline.write(plain);
        assertThat(new String(plain.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("networkType");
    }

    private static ComputationGraph graph(int channels, int side, int classes, boolean twoOutputs) {
        var b = new NeuralNetConfiguration.Builder().seed(1).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(side, side, channels))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(classes).build(), "gap");
        if (twoOutputs) {
            b.addLayer("out2", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .activation(Activation.SOFTMAX).nOut(classes).build(), "gap").setOutputs("out", "out2");
        } else {
            b.setOutputs("out");
        }
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        return g;
    }

    @Test
    void a_graph_of_another_input_outputs_or_class_count_is_refused_with_what_it_takes() {
        List<String> names = baseline.classNames();
        assertThat(new CifarModel(graph(3, 32, 10, false), names, baseline.normalization(), baseline.metadata())
                .predict(sample.image(0))).hasSize(3);
        assertThatThrownBy(() -> new CifarModel(graph(1, 28, 10, false), names, baseline.normalization(),
                baseline.metadata())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model expects input of 1 channel (1×H×W) but the images are 3×32×32");
        assertThatThrownBy(() -> new CifarModel(graph(3, 32, 7, false), names, baseline.normalization(),
                baseline.metadata())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("graph has 7 outputs but 10 class names were given");
        assertThatThrownBy(() -> new CifarModel(graph(3, 32, 10, true), names, baseline.normalization(),
                baseline.metadata())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the graph has 1 inputs and 2 outputs; an image classifier has one of each");
    }

    @Test
    void native_helpers_go_on_a_graphs_convolutions_and_pooling_but_not_on_average_pooling_over_padding() {
        var b = new NeuralNetConfiguration.Builder().seed(1).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("max", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .padding(1, 1).build(), "conv")
                .addLayer("avg", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(1, 1).build(),
                        "max")
                .addLayer("avgPadded", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(3, 3).stride(1, 1)
                        .padding(1, 1).avgPoolIncludePadInDivisor(true).build(), "avg")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "avgPadded")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(2).build(), "gap")
                .setOutputs("out");
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        int installed = LayerHelpers.install(g);
        Assumptions.assumeTrue(installed > 0, "native helpers are off on this backend");
        // conv, max and the unpadded average; the padded average keeps DL4J's path (the helper's gradient counts
        // padding never)
        assertThat(installed).isEqualTo(3);
    }
}
