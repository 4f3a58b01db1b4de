package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.ErrorAnalysis;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The label-issue section: the count expected by chance, a grid that does not repeat, the nearest training examples. */
class LabelIssueSectionTest {

    @Test
    void says_whether_the_flags_exceed_what_chance_gives() {
        assertThat(BuiltInSections.labelIssueVerdict(660, 650.4, 0.1)).isEqualTo("660 wrong predictions look like "
                + "label issues (the given label below 10 % while another class is above its threshold); about 650 "
                + "would be flagged by chance from a model this accurate whose probabilities are honest, if every "
                + "given label were right: about what chance gives, so most are likely the model's own errors, not "
                + "wrong labels.");
        assertThat(BuiltInSections.labelIssueVerdict(709, 650, 0.1)).endsWith("right: most are likely the model's "
                + "own errors; the excess of about 59 over chance is where wrong labels may be.");
        assertThat(BuiltInSections.labelIssueVerdict(300, 40, 0.1)).endsWith("right: more than chance explains, so "
                + "about 260 of them may really be wrong labels.");
        assertThat(BuiltInSections.labelIssueVerdict(10, 60, 0.1)).endsWith("right: far fewer, so the "
                + "probabilities are not honest (too unsure: see the calibration) and this estimate says little; judge "
                + "the flags by their nearest training examples.");
    }

    @Test
    void the_label_issue_grid_draws_the_most_suspect_issues_not_in_the_most_confident_wrong_grid() {
        ErrorAnalysis analysis = ReportFixtures.analysis(2_000, ReportFixtures.CIFAR, 5);
        ReportStatistics statistics = ReportStatistics.of(analysis, null);
        ReportContext.Picks picks = ReportContext.Picks.of(analysis, statistics, 5);
        List<Integer> ranked = statistics.labelIssues().stream().map(ReportStatistics.LabelIssue::index).toList();
        // the fixture's most confident mistakes are among its most suspect labels, so the old grid repeated them
        assertThat(ranked.subList(0, 5)).containsAnyElementsOf(picks.mostConfidentWrong());
        Set<Integer> confident = new HashSet<>(picks.mostConfidentWrong());
        assertThat(picks.labelIssueGrid()).hasSize(5).doesNotContainAnyElementsOf(confident)
                .isEqualTo(ranked.stream().filter(i -> !confident.contains(i)).limit(5).toList());
        assertThat(statistics.labelIssuesExpectedByChance())
                .isEqualTo(analysis.triage().expectedLabelIssuesByChance(analysis));
    }

    @Test
    void names_what_the_label_issue_score_is_in_its_table_header() {
        ErrorReport report = ErrorReport.builder(ReportFixtures.analysis(2_000, ReportFixtures.CIFAR, 5)).build();
        String md = report.toMarkdown();
        assertThat(md).contains("| example | given class | suggested class | margin: given label's probability − best "
                + "other's (−1 to 0, lower is more suspect) |").doesNotContain("| score |");
        assertThat(report.toHtml()).contains("<th>margin: given label&#39;s probability − best other&#39;s");
    }

    private static INDArray random(int n, int features, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n * features];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(v, new long[] {n, features}, 'c');
    }

    @Test
    void lists_the_top_issues_with_their_nearest_training_examples() {
        ErrorAnalysis analysis = ReportFixtures.analysis(400, ReportFixtures.CIFAR, 8);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        ModelInputs training = ModelInputs.of(random(300, 6, 2), IntStream.range(0, 300).map(i -> i % 10).toArray(),
                IntStream.range(0, 300).mapToObj(i -> "train.bin#" + i).toList());
        Evidence evidence = Evidence.of(net, ModelInputs.of(random(400, 6, 3), new int[400], null))
                .withScope(SaliencyScope.NONE).withTraining(training, ReportFixtures.images(0), "three hundred");
        ErrorReport report = ErrorReport.builder(analysis).images(ReportFixtures.images(0)).evidence(evidence).build();
        String md = report.toMarkdown();
        String section = md.substring(md.indexOf("## Suspected label issues"), md.indexOf("## Calibration"));
        assertThat(section).contains("would be flagged by chance from a model this accurate",
                "| nearest training examples (class, distance) |", "figures/label-issue-neighbours.png");
        int top = report.statistics().labelIssues().get(0).index();
        List<TrainingNeighbour> near = report.explanations().of(top).orElseThrow().nearestTrainingExamples();
        assertThat(near).hasSize(Evidence.DEFAULT_NEIGHBOURS);
        String cell = String.join("; ", near.stream().map(n -> ReportFixtures.CIFAR.get(n.trueClass()) + " "
                + String.format(java.util.Locale.ROOT, "%.2f", n.distance())).toList());
        assertThat(section).contains("| " + top + " | ").contains(" | " + cell + " |");
        assertThat(report.toJson()).containsPattern("\"labelIssuesExpectedByChance\" ?: ?[0-9]");

        // without training data: no column, no neighbour figure
        String plain = ErrorReport.builder(analysis).images(ReportFixtures.images(0)).build().toMarkdown();
        assertThat(plain).contains("would be flagged by chance").doesNotContain("nearest training examples (class",
                "label-issue-neighbours");
    }

    @Test
    void says_the_test_set_leaks_when_explained_mistakes_have_an_identical_training_image() {
        ErrorAnalysis analysis = ReportFixtures.analysis(400, ReportFixtures.CIFAR, 8);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        // the analysed inputs are the training inputs (a test set copied from the training data, other origins)
        INDArray x = random(400, 6, 3);
        ModelInputs training = ModelInputs.of(x, IntStream.range(0, 400).map(i -> i % 10).toArray(),
                IntStream.range(0, 400).mapToObj(i -> "train.bin#" + i).toList());
        Evidence evidence = Evidence.of(net, ModelInputs.of(x, new int[400], null))
                .withScope(SaliencyScope.NONE).withTraining(training, ReportFixtures.images(0), "a copy");
        ErrorReport report = ErrorReport.builder(analysis).images(ReportFixtures.images(0)).evidence(evidence).build();
        int explained = report.explanations().examples().size();
        assertThat(explained).isPositive();
        assertThat(report.explanations().training().orElseThrow().identicalImages()).isEqualTo(explained);
        String md = report.toMarkdown();
        String section = md.substring(md.indexOf("## Suspected label issues"), md.indexOf("## Calibration"));
        assertThat(section).contains(explained + " of the " + explained + " explained mistakes have an identical "
                + "image in the training data", "the test set leaks", "(identical image)");
        assertThat(io.github.erroranalysis.testing.Schemas.problems(ReportJson.SCHEMA,
                io.github.erroranalysis.testing.Schemas.tree(report.toJson()))).isEmpty();
        assertThat(report.toJson()).containsPattern("\"identicalImages\" ?: ?" + explained)
                .containsPattern("\"identical\" ?: ?true");

        // without identical images nothing is said
        String plain = ErrorReport.builder(analysis).images(ReportFixtures.images(0)).evidence(Evidence.of(net,
                ModelInputs.of(random(400, 6, 4), new int[400], null)).withScope(SaliencyScope.NONE)
                .withTraining(training, ReportFixtures.images(0), "other")).build().toMarkdown();
        assertThat(plain).doesNotContain("the test set leaks", "(identical image)");
    }
}
