package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.testing.Schemas;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import java.util.List;

/** The evidence section, its JSON and the sanity check, on a small untrained network over random images. */
class EvidenceSectionTest {

    private static MultiLayerNetwork network;
    private static ErrorReport report;
    private static INDArray before;

    @BeforeAll
    static void build() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder().kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).dropOut(0.5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(32, 32, 3)).build();
        network = new MultiLayerNetwork(conf);
        network.init();
        Nd4j.getRandom().setSeed(5);
        int n = 40;
        INDArray x = Nd4j.rand(n, 3, 32, 32);
        INDArray y = Nd4j.zeros(n, 3);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            y.putScalar(i, labels[i], 1);
        }
        before = network.params().dup();
        ErrorAnalysis analysis = ErrorAnalysis.of(network, new DataSet(x, y));
        report = ErrorReport.builder(analysis).evidence(Evidence.of(network, ModelInputs.of(x, labels, null))).build();
    }

    @Test
    void theReportExplainsItsMistakesWithBothMapsAndTheSanityCheck() {
        Explanations e = report.explanations();
        assertThat(e.explained()).isNotEmpty();
        for (ExampleEvidence x : e.examples().values()) {
            assertThat(x.saliency()).extracting(SaliencyMap::method).as("example %d", x.example())
                    .containsExactlyElementsOf(x.saliency().get(0).method().equals(SaliencyMap.OCCLUSION)
                            ? List.of(SaliencyMap.OCCLUSION, SaliencyMap.GRAD_CAM) : List.of(SaliencyMap.GRAD_CAM));
            for (SaliencyMap m : x.saliency()) {
                assertThat(m.height()).isEqualTo(32);
                assertThat(m.width()).isEqualTo(32);
                assertThat(m.settings()).isNotEmpty();
                assertThat(m.faithfulness().interval().lower()).isLessThanOrEqualTo(m.faithfulness().score());
            }
        }
        assertThat(e.faithfulness()).containsOnlyKeys(SaliencyMap.OCCLUSION, SaliencyMap.GRAD_CAM);
        long occluded = e.examples().values().stream().filter(x -> x.saliency().size() == 2).count();
        assertThat(occluded).as("the grid mistakes get occlusion maps too").isPositive()
                .isLessThan(e.explained().size());
        SanityCheck check = e.sanityCheck().orElseThrow();
        assertThat(check.examples()).hasSize(Math.min(SaliencyMaps.SANITY_EXAMPLES, e.explained().size()));
        assertThat(check.meanRankCorrelation()).isCloseTo(check.rankCorrelations().stream()
                .mapToDouble(Double::doubleValue).average().orElseThrow(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(check.meanRankCorrelation()).as("a randomised model gives other maps").isLessThan(0.99);
        assertThat(network.params()).as("the user's model is left alone").isEqualTo(before);
    }

    @Test
    void theSectionShowsEachGridMistakeWithValidFigureNamesAndTheJsonMatchesTheSchema() {
        assertThat(report.sectionIds()).contains(EvidenceSection.ID);
        assertThat(report.sectionIds().indexOf(EvidenceSection.ID))
                .isEqualTo(report.sectionIds().indexOf("confidence") + 1);
        assertThat(report.figureNames()).filteredOn(f -> f.startsWith("evidence-")).isNotEmpty()
                .allMatch(f -> f.matches("evidence-\\d+-class-\\d+(-[a-z0-9]+)*"));
        String md = report.toMarkdown();
        assertThat(md).contains("better than random").contains("Sanity check").contains("Grad-CAM faithfulness");
        assertThat(md).as("the overlays' legend and the chance rate of a per-map verdict")
                .contains(EvidenceSection.LEGEND).contains("random orders: 1/9 = 11 %")
                .contains("they beat every one of their random orders");
        assertThat(md).doesNotContain("beat nearly every random order");
        JsonNode json = Schemas.tree(report.toJson());
        assertThat(Schemas.problems(ReportJson.SCHEMA, json)).isEmpty();
        JsonNode map = json.get("evidence").get("examples").get(0).get("saliency").get(0);
        assertThat(map.get("faithfulness").isNumber()).isTrue();
        assertThat(map.get("settings").asText()).contains("patch");
    }

    @Test
    void spearmanRanksWithTies() {
        assertThat(SaliencyMaps.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40})).isEqualTo(1.0);
        assertThat(SaliencyMaps.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
        assertThat(SaliencyMaps.spearman(new double[] {1, 2, 3, 4}, new double[] {0, 0, 0, 0})).isEqualTo(0.0);
        assertThat(SaliencyMaps.spearman(new double[] {1, 1, 2, 3}, new double[] {1, 2, 2, 3}))
                .isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void theOverlayKeepsTheImageSizeAndColoursTheSalientPixels() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 2,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.util.List<Double> values = java.util.List.of(0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0);
        SaliencyMap map = new SaliencyMap(SaliencyMap.GRAD_CAM, 0, 2, 4, values,
                new Faithfulness(0, new io.github.erroranalysis.stats.Interval(0, 0, 0, 0.95, "test"), 0, 0, 1, 1));
        java.awt.image.BufferedImage out = SaliencyPainter.overlay(image, map);
        assertThat(out.getWidth()).isEqualTo(4);
        assertThat(out.getHeight()).isEqualTo(2);
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).as("not salient: the image").isEqualTo(0);
        assertThat((out.getRGB(3, 0) >> 16) & 0xFF).as("salient: red").isGreaterThan(50);
    }
}
