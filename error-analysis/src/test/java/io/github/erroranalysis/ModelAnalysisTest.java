package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Analysing DL4J models: doEvaluation, the adapters, and that the model is never changed. */
class ModelAnalysisTest {

    private static final int FEATURES = 5;
    private static final int CLASSES = 3;
    private static final List<String> NAMES = List.of("cat", "dog", "bird");

    static MultiLayerNetwork network() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(FEATURES).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static DataSet data(int n) {
        Nd4j.getRandom().setSeed(7);
        INDArray features = Nd4j.rand(n, FEATURES).subi(0.5).muli(4);
        INDArray labels = Nd4j.zeros(n, CLASSES);
        List<Serializable> meta = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, (i * 7) % CLASSES, 1);
            meta.add("test/" + i + ".png");
        }
        DataSet ds = new DataSet(features, labels);
        ds.setExampleMetaData(meta);
        return ds;
    }

    static ListDataSetIterator<DataSet> iterator(DataSet all, int batch) {
        ListDataSetIterator<DataSet> it = new ListDataSetIterator<>(all.asList(), batch);
        return it;
    }

    @Test
    void do_evaluation_with_the_accumulator_equals_error_analysis_of() {
        MultiLayerNetwork net = network();
        DataSet all = data(100);
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(NAMES);
        net.doEvaluation(iterator(all, 16), acc);
        ErrorAnalysis viaDoEvaluation = acc.snapshot();
        ErrorAnalysis viaOf = ErrorAnalysis.of(Classifier.of(net), iterator(all, 16),
                AnalysisOptions.defaults().withClassNames(NAMES).quietly());
        assertThat(viaDoEvaluation.examples()).isEqualTo(100);
        assertThat(viaDoEvaluation.accuracy()).isEqualTo(viaOf.accuracy());
        assertThat(viaDoEvaluation.confusion()).isEqualTo(viaOf.confusion());
        assertThat(viaDoEvaluation.calibration()).isEqualTo(viaOf.calibration());
        assertThat(viaDoEvaluation.wrong().indexes()).isEqualTo(viaOf.wrong().indexes());
    }

    @Test
    void accuracy_agrees_with_nd4j_evaluation_and_merge_keeps_per_example_records() {
        MultiLayerNetwork net = network();
        DataSet all = data(90);
        Evaluation nd4j = new Evaluation(CLASSES);
        ErrorAnalysisAccumulator first = new ErrorAnalysisAccumulator(NAMES, 0);
        ErrorAnalysisAccumulator second = new ErrorAnalysisAccumulator(NAMES, 1);
        List<DataSet> halves = List.of((DataSet) all.getRange(0, 45), (DataSet) all.getRange(45, 90));
        net.doEvaluation(new ListDataSetIterator<>(halves.get(0).asList(), 10), nd4j, first);
        net.doEvaluation(new ListDataSetIterator<>(halves.get(1).asList(), 10), second);
        second.merge(first);
        ErrorAnalysis merged = second.snapshot();
        ErrorAnalysis whole = ErrorAnalysis.of(net, all);
        assertThat(merged.examples()).isEqualTo(90);
        assertThat(merged.accuracy()).isEqualTo(whole.accuracy());
        assertThat(merged.wrong().indexes()).isEqualTo(whole.wrong().indexes());
        assertThat(first.snapshot().accuracy()).isCloseTo(nd4j.accuracy(), org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void the_model_is_not_changed_by_the_analysis() {
        MultiLayerNetwork net = network();
        INDArray before = net.params().dup();
        int listenersBefore = net.getListeners().size();
        ErrorAnalysis.of(net, data(50));
        ErrorAnalysis.of(net, iterator(data(50), 8));
        assertThat(net.params()).isEqualTo(before);
        assertThat(net.getListeners()).hasSize(listenersBefore);
    }

    @Test
    void origins_come_from_the_example_metadata() {
        ErrorAnalysis a = ErrorAnalysis.of(network(), data(20));
        assertThat(a.origin(13)).contains("test/13.png");
        WrongPrediction w = a.wrong().get(0);
        assertThat(w.origin()).contains("test/" + w.index() + ".png");
    }

    @Test
    void class_names_come_from_the_iterator_labels_when_present() {
        ListDataSetIterator<DataSet> it = iterator(data(10), 4);
        ErrorAnalysis a = ErrorAnalysis.of(network(), it);
        assertThat(a.classNames()).hasSize(CLASSES);
    }

    @Test
    void a_data_set_is_analysed_in_batches_with_image_shaped_features() {
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.rand(new int[] {10, 3, 4, 4});
        INDArray labels = Nd4j.zeros(10, 2);
        for (int i = 0; i < 10; i++) {
            labels.putScalar(i, i % 2, 1);
        }
        List<Long> batchSizes = new ArrayList<>();
        Classifier meanBrightness = f -> {
            batchSizes.add(f.size(0));
            INDArray mean = f.reshape(f.size(0), -1).mean(1).reshape(f.size(0), 1);
            return Nd4j.hstack(mean.rsub(1.0), mean);
        };
        ErrorAnalysis a = ErrorAnalysis.of(meanBrightness, new DataSet(images, labels),
                AnalysisOptions.defaults().withBatchSize(4).quietly());
        assertThat(batchSizes).containsExactly(4L, 4L, 2L);
        assertThat(a.examples()).isEqualTo(10);
    }

    @Test
    void a_graph_with_two_outputs_is_refused() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("a", new OutputLayer.Builder().nIn(FEATURES).nOut(CLASSES).activation(Activation.SOFTMAX).build(), "in")
                .addLayer("b", new OutputLayer.Builder().nIn(FEATURES).nOut(2).activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("a", "b").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        assertThatThrownBy(() -> Classifier.of(graph))
                .hasMessage("ComputationGraph has 2 outputs [a, b]; error analysis needs a classifier with exactly one "
                        + "softmax output");
    }

    @Test
    void a_single_output_graph_gives_the_same_analysis_as_its_network_twin() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(42).graphBuilder().addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(FEATURES).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        MultiLayerNetwork net = network();
        graph.setParams(net.params());
        assertThat(ErrorAnalysis.of(graph, data(30))).isEqualTo(ErrorAnalysis.of(net, data(30)));
    }
}
