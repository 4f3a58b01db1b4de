package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class NearestTrainingTest {

    private static final int FEATURES = 4;
    private static final int WIDTH = 3;

    /** A dense identity layer of width 3 (dropout on its input, live only in training) before a softmax output. */
    private static MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.FLOAT).list()
                .layer(new DropoutLayer.Builder(0.5).nIn(FEATURES).nOut(FEATURES).build())
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(WIDTH).activation(Activation.IDENTITY).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(WIDTH).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(FEATURES).nOut(WIDTH)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(WIDTH).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static INDArray randomInputs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n * FEATURES];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Nd4j.create(v, new long[] {n, FEATURES}, 'c');
    }

    private static float[] expectedDense(INDArray x, INDArray w, INDArray b) {
        return x.mmul(w).addRowVector(b).castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Test
    void mlnEmbeddingIsTheInputOfTheOutputLayerInInferenceMode() {
        MultiLayerNetwork net = network();
        INDArray x = randomInputs(600, 1);
        ModelInputs inputs = ModelInputs.of(x, new int[600], null);
        int[] some = {0, 5, 6, 7, 300, 301, 599};
        Embeddings.Matrix all = Embeddings.embed(net, inputs, IntStream.range(0, 600).toArray(),
                Embeddings.Listener.NONE);
        Embeddings.Matrix picked = Embeddings.embed(net, inputs, some, Embeddings.Listener.NONE);

        float[] expected = expectedDense(x, net.getLayer(1).getParam("W"), net.getLayer(1).getParam("b"));
        assertThat(all.rows()).isEqualTo(600);
        assertThat(all.dimension()).isEqualTo(WIDTH);
        assertThat(all.values()).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
        for (int r = 0; r < some.length; r++) {
            for (int c = 0; c < WIDTH; c++) {
                assertThat(picked.values()[r * WIDTH + c]).isEqualTo(expected[some[r] * WIDTH + c]);
            }
        }
    }

    @Test
    void graphEmbeddingIsTheOutputOfTheVertexBeforeTheOutputLayer() {
        ComputationGraph graph = graph();
        INDArray x = randomInputs(300, 2);
        Embeddings.Matrix e = Embeddings.embed(graph, ModelInputs.of(x, new int[300], null),
                IntStream.range(0, 300).toArray(), Embeddings.Listener.NONE);
        float[] expected = expectedDense(x, graph.getLayer("hidden").getParam("W"),
                graph.getLayer("hidden").getParam("b"));
        assertThat(e.values()).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void refusesIndexesThatDoNotIncrease() {
        ModelInputs inputs = ModelInputs.of(randomInputs(5, 3), new int[5], null);
        assertThatThrownBy(() -> Embeddings.embed(network(), inputs, new int[] {2, 2}, Embeddings.Listener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 1 is 2");
    }

    private static Embeddings.Matrix random(int rows, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[rows * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * 3 + 1);
        }
        return new Embeddings.Matrix(rows, d, v);
    }

    /** The plain definition: every distance in double, sorted by distance then row. */
    private static List<NearestTraining.Hit> naive(Embeddings.Matrix q, int row, Embeddings.Matrix t, int k) {
        List<NearestTraining.Hit> all = new ArrayList<>();
        for (int j = 0; j < t.rows(); j++) {
            double s = 0;
            for (int c = 0; c < t.dimension(); c++) {
                double diff = (double) q.values()[row * q.dimension() + c] - t.values()[j * t.dimension() + c];
                s += diff * diff;
            }
            all.add(new NearestTraining.Hit(j, Math.sqrt(s)));
        }
        all.sort(Comparator.comparingDouble(NearestTraining.Hit::distance).thenComparingInt(NearestTraining.Hit::row));
        return all.subList(0, Math.min(k, all.size()));
    }

    @Test
    void bruteForceMatchesTheNaiveLoopOnRandomEmbeddings() {
        for (int d : new int[] {1, 16, 64}) {
            Embeddings.Matrix train = random(3_000, d, 10 + d);
            Embeddings.Matrix queries = random(41, d, 20 + d);
            List<List<NearestTraining.Hit>> found = NearestTraining.nearest(queries, train, 5);
            assertThat(found).hasSize(41);
            for (int q = 0; q < 41; q++) {
                List<NearestTraining.Hit> expected = naive(queries, q, train, 5);
                assertThat(found.get(q)).extracting(NearestTraining.Hit::row)
                        .as("query %d, width %d", q, d).isEqualTo(expected.stream().map(NearestTraining.Hit::row).toList());
                for (int i = 0; i < 5; i++) {
                    assertThat(found.get(q).get(i).distance()).isCloseTo(expected.get(i).distance(),
                            org.assertj.core.data.Offset.offset(1e-9));
                }
            }
        }
    }

    @Test
    void blocksOfQueriesGiveTheSameAnswerAsOne() {
        // more queries than one block holds for this many training rows: BLOCK_VALUES / 40,000 = 209 per block
        Embeddings.Matrix train = random(40_000, 8, 3);
        Embeddings.Matrix queries = random(450, 8, 4);
        List<List<NearestTraining.Hit>> found = NearestTraining.nearest(queries, train, 3);
        for (int q : new int[] {0, 208, 209, 210, 449}) {
            assertThat(found.get(q)).extracting(NearestTraining.Hit::row)
                    .isEqualTo(naive(queries, q, train, 3).stream().map(NearestTraining.Hit::row).toList());
        }
    }

    @Test
    void tiesGoToTheLowerTrainingRow() {
        // rows 2, 5 and 9 are the same point; 7 is as far on the other side
        float[] t = new float[12 * 2];
        for (int j = 0; j < 12; j++) {
            t[2 * j] = 100 + j;
            t[2 * j + 1] = 100;
        }
        for (int j : new int[] {9, 5, 2}) {
            t[2 * j] = 1;
            t[2 * j + 1] = 0;
        }
        t[2 * 7] = -1;
        t[2 * 7 + 1] = 0;
        Embeddings.Matrix train = new Embeddings.Matrix(12, 2, t);
        Embeddings.Matrix query = new Embeddings.Matrix(1, 2, new float[] {0, 0});
        assertThat(NearestTraining.nearest(query, train, 3).get(0)).extracting(NearestTraining.Hit::row)
                .containsExactly(2, 5, 7);
        assertThat(NearestTraining.nearest(query, train, 5).get(0)).extracting(NearestTraining.Hit::row)
                .containsExactly(2, 5, 7, 9, 0);
        assertThat(NearestTraining.nearest(query, train, 3).get(0)).extracting(NearestTraining.Hit::distance)
                .containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void fewerTrainingRowsThanKGiveThemAll() {
        Embeddings.Matrix train = random(2, 4, 1);
        assertThat(NearestTraining.nearest(random(3, 4, 2), train, 5)).allSatisfy(l -> assertThat(l).hasSize(2));
    }

    @Test
    void trainingRecordsWithAnAnalysedOriginAreLeftOutAndCounted() {
        MultiLayerNetwork net = network();
        // the analysed data: 6 examples, of which 2 and 4 are copies of training records 3 and 7 (same origin)
        INDArray train = randomInputs(20, 5);
        List<String> trainOrigins = IntStream.range(0, 20).mapToObj(i -> "data_batch_1.bin#" + i).toList();
        int[] trainLabels = IntStream.range(0, 20).map(i -> i % 2).toArray();
        INDArray analysed = Nd4j.vstack(randomInputs(2, 6), train.getRow(3, true), randomInputs(1, 7),
                train.getRow(7, true), randomInputs(1, 8));
        List<String> origins = List.of("test#0", "test#1", "data_batch_1.bin#3", "test#3", "data_batch_1.bin#7",
                "test#5");
        ModelInputs inputs = ModelInputs.of(analysed, new int[6], origins);
        ModelInputs training = ModelInputs.of(train, trainLabels, trainOrigins);
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(Nd4j.create(new float[][] {{0.9f, 0.1f},
            {0.2f, 0.8f}, {0.6f, 0.4f}, {0.3f, 0.7f}, {0.55f, 0.45f}, {0.1f, 0.9f}}), new int[6], List.of("a", "b"));

        // only example 2 is asked about; its own copy (training 3) and the other analysed one (7) are left out
        NearestTraining.Result r = NearestTraining.search(net, inputs, analysis, training, List.of(2), 19);
        assertThat(r.excluded()).isEqualTo(2);
        assertThat(r.neighbours()).containsOnlyKeys(2);
        List<TrainingNeighbour> near = r.neighbours().get(2);
        assertThat(near).hasSize(18).extracting(TrainingNeighbour::trainIndex).doesNotContain(3, 7);
        assertThat(near).extracting(TrainingNeighbour::distance).isSorted();
        assertThat(near).allSatisfy(n -> {
            assertThat(n.trainOrigin()).contains("data_batch_1.bin#" + n.trainIndex());
            assertThat(n.trueClass()).isEqualTo(n.trainIndex() % 2);
        });

        // without the exclusion the copy is its nearest, at distance 0
        ModelInputs unrelated = ModelInputs.of(analysed, new int[6], null);
        NearestTraining.Result all = NearestTraining.search(net, unrelated, analysis, training, List.of(2), 1);
        assertThat(all.excluded()).isZero();
        assertThat(all.neighbours().get(2).get(0).trainIndex()).isEqualTo(3);
        assertThat(all.neighbours().get(2).get(0).distance()).isLessThan(1e-6);
        // ... and marked as the same image; the others are not
        assertThat(all.neighbours().get(2).get(0).identical()).isTrue();
        NearestTraining.Result more = NearestTraining.search(net, unrelated, analysis, training, List.of(2, 3), 4);
        assertThat(more.neighbours().get(2)).extracting(TrainingNeighbour::identical)
                .containsExactly(true, false, false, false);
        assertThat(more.neighbours().get(3)).extracting(TrainingNeighbour::identical).containsOnly(false);
    }

    @Test
    void twoImageFoldersWithTheSameFileNamesButOtherImagesLeaveNothingOut() {
        MultiLayerNetwork net = network();
        // train/cat/0001.png and test/cat/0001.png: the same relative origins, different pixels
        List<String> names = IntStream.range(0, 12).mapToObj(i -> "cat/" + i + ".png").toList();
        INDArray train = randomInputs(12, 21);
        INDArray test = randomInputs(12, 22);
        ModelInputs training = ModelInputs.of(train, new int[12], names);
        ModelInputs inputs = ModelInputs.of(test, new int[12], names);
        float[][] p = new float[12][];
        for (int i = 0; i < 12; i++) {
            p[i] = new float[] {0.3f, 0.7f};
        }
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(Nd4j.create(p), new int[12], List.of("a", "b"));

        NearestTraining.Result r = NearestTraining.search(net, inputs, analysis, training, List.of(0, 5), 12);
        assertThat(r.excluded()).isZero();
        assertThat(r.neighbours().get(0)).hasSize(12).extracting(TrainingNeighbour::identical).containsOnly(false);
        assertThat(r.neighbours().get(5)).extracting(TrainingNeighbour::trainIndex).contains(5);

        // the same folder given twice: every record is an analysed one, all are left out
        NearestTraining.Result same = NearestTraining.search(net, ModelInputs.of(train, new int[12], names),
                analysis, training, List.of(0, 5), 3);
        assertThat(same.excluded()).isEqualTo(12);
        assertThat(same.neighbours().get(0)).isEmpty();
    }

    @Test
    void evidenceCountsTheExplainedExamplesWithAnIdenticalTrainingImage() {
        MultiLayerNetwork net = network();
        INDArray train = randomInputs(30, 31);
        // a test set that is a copy of training records 0..3 under other origins (a leak)
        ModelInputs training = ModelInputs.of(train, new int[30], IntStream.range(0, 30).mapToObj(i -> "t#" + i)
                .toList());
        ModelInputs inputs = ModelInputs.of(train.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).dup(),
                new int[4], List.of("test#0", "test#1", "test#2", "test#3"));
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(Nd4j.create(new float[][] {{0.9f, 0.1f},
            {0.2f, 0.8f}, {0.6f, 0.4f}, {0.3f, 0.7f}}), new int[4], List.of("a", "b"));
        Explanations e = Evidence.of(net, inputs).withScope(SaliencyScope.NONE)
                .withTraining(training, ImageSource.none(), "thirty").withNeighbours(2)
                .explain(analysis, List.of(), List.of(1, 3));
        assertThat(e.training()).get().extracting(Explanations.TrainingSearch::identicalImages).isEqualTo(2);
        assertThat(e.training()).get().extracting(Explanations.TrainingSearch::excluded).isEqualTo(0);
        assertThat(e.of(3).get().nearestTrainingExamples().get(0)).satisfies(n -> {
            assertThat(n.trainIndex()).isEqualTo(3);
            assertThat(n.identical()).isTrue();
        });
    }

    @Test
    void evidenceListsTheNeighboursOfTheExplainedExamples() {
        MultiLayerNetwork net = network();
        INDArray train = randomInputs(50, 9);
        ModelInputs training = ModelInputs.of(train, new int[50], IntStream.range(0, 50).mapToObj(i -> "t#" + i).toList());
        INDArray analysed = randomInputs(4, 10);
        ErrorAnalysis analysis = ErrorAnalysis.fromPredictions(Nd4j.create(new float[][] {{0.9f, 0.1f},
            {0.2f, 0.8f}, {0.6f, 0.4f}, {0.3f, 0.7f}}), new int[4], List.of("a", "b"));
        Evidence evidence = Evidence.of(net, ModelInputs.of(analysed, new int[4], null))
                .withScope(SaliencyScope.NONE).withTraining(training, ImageSource.none(), "fifty").withNeighbours(2);
        Explanations e = evidence.explain(analysis, List.of(), List.of(1, 3));
        Map<Integer, ExampleEvidence> by = e.examples();
        assertThat(by).containsOnlyKeys(1, 3);
        assertThat(by.get(3).nearestTrainingExamples()).hasSize(2);
    }

    @Test
    void aFullEmbeddingIsComputedOncePerModelAndInputsAndAgainWhenTheModelChanges() {
        MultiLayerNetwork net = network();
        ModelInputs inputs = ModelInputs.of(randomInputs(40, 11), new int[40], null);
        int[] heard = new int[1];
        Embeddings.Matrix first = Embeddings.all(net, inputs, (done, total) -> heard[0]++);
        int passes = heard[0];
        Embeddings.Matrix again = Embeddings.all(net, inputs, (done, total) -> heard[0]++);
        assertThat(again).isSameAs(first);
        assertThat(heard[0]).isEqualTo(passes + 1);
        ModelInputs sameValues = ModelInputs.of(randomInputs(40, 11), new int[40], null);
        assertThat(Embeddings.all(net, sameValues, Embeddings.Listener.NONE)).isNotSameAs(first);
        INDArray params = net.params().dup();
        net.setParams(params.mul(2));
        Embeddings.Matrix changed = Embeddings.all(net, inputs, Embeddings.Listener.NONE);
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.values()[0]).isNotEqualTo(first.values()[0]);
        assertThat(Embeddings.rows(changed, new int[] {3, 1}).values())
                .containsExactly(java.util.Arrays.copyOfRange(changed.values(), 3 * WIDTH, 4 * WIDTH)[0],
                        java.util.Arrays.copyOfRange(changed.values(), 3 * WIDTH, 4 * WIDTH)[1],
                        java.util.Arrays.copyOfRange(changed.values(), 3 * WIDTH, 4 * WIDTH)[2],
                        changed.values()[WIDTH], changed.values()[WIDTH + 1], changed.values()[WIDTH + 2]);
    }
}
