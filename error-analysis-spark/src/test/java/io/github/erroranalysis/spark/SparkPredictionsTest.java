package io.github.erroranalysis.spark;

import static io.github.erroranalysis.spark.SameAnalysis.assertSame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.ErrorAnalysisAccumulator;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.factory.Nd4j;

/** Precomputed predictions through Spark: equal to the one-machine analysis, and bad rows named by partition. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkPredictionsTest {

    private static final List<String> NAMES = List.of("cat", "dog", "frog", "ship");
    /** More rows than one bulk copy, so partitions flush several batches. */
    private static final int ROWS = 2 * SparkErrorAnalysis.PREDICTION_BATCH_SIZE + 123;

    private JavaSparkContext sc;
    private List<PredictionRow> rows;
    private int[] labels;
    private float[] probs;

    @BeforeAll
    void start() {
        SplittableRandom random = new SplittableRandom(11);
        int c = NAMES.size();
        rows = new ArrayList<>();
        labels = new int[ROWS];
        probs = new float[ROWS * c];
        for (int i = 0; i < ROWS; i++) {
            float[] p = new float[c];
            float sum = 0;
            for (int k = 0; k < c; k++) {
                p[k] = (float) random.nextDouble();
                sum += p[k];
            }
            for (int k = 0; k < c; k++) {
                p[k] /= sum;
            }
            labels[i] = random.nextInt(c);
            System.arraycopy(p, 0, probs, i * c, c);
            rows.add(PredictionRow.of("img-" + i + ".png", labels[i], p));
        }
        sc = LocalSpark.start(getClass().getSimpleName());
    }

    @AfterAll
    void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    /** One pass on one machine, the ids as example metadata. */
    private ErrorAnalysis singleWithIds() {
        List<String> ids = rows.stream().map(PredictionRow::id).toList();
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(NAMES);
        acc.eval(Nd4j.createFromArray(labels).reshape(ROWS, 1), Nd4j.create(probs, new long[] {ROWS, NAMES.size()}, 'c'),
                ids);
        return acc.snapshot();
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 8})
    void sparkAnalysisEqualsTheOneMachineAnalysis(int partitions) {
        ErrorAnalysis spark = SparkErrorAnalysis.fromPredictions(sc.parallelize(rows, partitions), NAMES);

        assertThat(spark.origin(ROWS - 1)).contains("img-" + (ROWS - 1) + ".png");
        assertSame(spark, singleWithIds());
    }

    @Test
    void withoutIdsAndClassNamesItEqualsFromPredictions() {
        List<PredictionRow> anonymous = rows.stream()
                .map(r -> PredictionRow.of(null, r.label(), r.probabilities())).toList();
        JavaRDD<PredictionRow> rdd = sc.parallelize(anonymous.subList(0, 1000), 2)
                .union(sc.parallelize(List.<PredictionRow>of(), 1))
                .union(sc.parallelize(anonymous.subList(1000, ROWS), 3));

        ErrorAnalysis spark = SparkErrorAnalysis.fromPredictions(rdd, List.of());

        assertThat(rdd.glom().collect().get(2)).isEmpty();
        assertSame(spark, ErrorAnalysis.fromPredictions(Nd4j.create(probs, new long[] {ROWS, NAMES.size()}, 'c'),
                labels, List.of()));
    }

    @Test
    void aPartitionWhoseRowsHaveAnotherClassCountFailsNamingPartitionRowAndId() {
        List<PredictionRow> bad = new ArrayList<>(rows.subList(0, 90));
        bad.set(67, PredictionRow.of("odd.png", 1, 0.2f, 0.3f, 0.5f));

        BadPartitionException e = catchThrowableOfType(BadPartitionException.class,
                () -> SparkErrorAnalysis.fromPredictions(sc.parallelize(bad, 3), NAMES));

        assertThat(e.partition()).isEqualTo(2);
        assertThat(e.row()).isEqualTo(7);
        assertThat(e).hasMessage("partition 2, row 7: the row with id 'odd.png' has 3 probabilities, but the analysis "
                + "has 4 classes (as the 4 class names)");
    }

    @Test
    void aLabelOutOfRangeFailsNamingPartitionRowAndId() {
        List<PredictionRow> bad = new ArrayList<>(rows.subList(0, 40));
        bad.set(23, PredictionRow.of("x.png", 4, 0.25f, 0.25f, 0.25f, 0.25f));

        assertThatThrownBy(() -> SparkErrorAnalysis.fromPredictions(sc.parallelize(bad, 2), NAMES))
                .isInstanceOf(BadPartitionException.class)
                .hasMessage("partition 1, row 3: the row with id 'x.png': label 4 is out of range; there are 4 classes "
                        + "(0..3)");
    }

    @Test
    void probabilitiesThatAreNotProbabilitiesFailNamingPartitionAndRow() {
        List<PredictionRow> bad = new ArrayList<>(rows.subList(0, 40));
        bad.set(31, PredictionRow.of("nan.png", 0, 0.5f, Float.NaN, 0.25f, 0.25f));

        BadPartitionException e = catchThrowableOfType(BadPartitionException.class,
                () -> SparkErrorAnalysis.fromPredictions(sc.parallelize(bad, 2), NAMES));

        assertThat(e.partition()).isEqualTo(1);
        assertThat(e.row()).isEqualTo(11);
        assertThat(e).hasMessage("partition 1, row 11: the row with id 'nan.png': probability of class 1 is NaN, "
                + "not a finite number");
    }

    @Test
    void anEmptyTestSetIsRefused() {
        assertThatThrownBy(() -> SparkErrorAnalysis.fromPredictions(sc.parallelize(List.<PredictionRow>of(), 2), NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test set is empty: the RDD of 2 partitions holds no examples");
        assertThatThrownBy(() -> SparkErrorAnalysis.fromPredictions(sc.parallelize(List.<PredictionRow>of(), 2),
                List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test set is empty: the RDD of 2 partitions holds no predictions");
    }
}
