package io.github.erroranalysis.spark;

import static io.github.erroranalysis.spark.SameAnalysis.assertSame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.erroranalysis.AnalysisOptions;
import io.github.erroranalysis.Classifier;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataSetIterator;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Normalization;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BaselineCnn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real CIFAR-10 subset (500 images of data_batch_1, 50 per class; a generated set of the same shape when the
 * archive is absent) through an untrained, seeded baseline CNN: the Spark analysis equals the one-machine analysis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("SparkErrorAnalysis on a CIFAR-10 subset (generated images when ../shared/cifar10 is absent)")
class SparkErrorAnalysisCifarTest {

    private static final Logger LOG = LoggerFactory.getLogger(SparkErrorAnalysisCifarTest.class);
    private static final int PER_CLASS = 50;
    /** Examples per RDD element, that is per inference batch. */
    private static final int ELEMENT_SIZE = 25;

    private JavaSparkContext sc;
    private MultiLayerNetwork model;
    private List<DataSet> elements;
    private DataSet whole;
    /** The one-machine analysis of the elements, in order, as one iterator's batches. */
    private ErrorAnalysis single;
    private AnalysisOptions options;

    @BeforeAll
    void start() throws IOException {
        CifarDataset data = subset();
        options = AnalysisOptions.defaults().withClassNames(data.classNames()).quietly();
        model = BaselineCnn.create(10, 42, 1e-3);
        whole = CifarDataSetIterator.toDataSet(data, Normalization.SCALE_ONLY);
        elements = new ArrayList<>();
        for (int from = 0; from < data.size(); from += ELEMENT_SIZE) {
            int[] indexes = IntStream.range(from, Math.min(data.size(), from + ELEMENT_SIZE)).toArray();
            elements.add(CifarDataSetIterator.toDataSet(data.subset(indexes), Normalization.SCALE_ONLY));
        }
        single = ErrorAnalysis.of(Classifier.of(model), new ExistingDataSetIterator(elements), options);
        sc = LocalSpark.start(getClass().getSimpleName());
    }

    @AfterAll
    void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static CifarDataset subset() throws IOException {
        Path archive = Path.of(System.getProperty("shared.dir", "../../shared"), "cifar10", "cifar-10-binary-train.tar.gz");
        if (Files.isRegularFile(archive)) {
            LOG.info("using 500 real CIFAR-10 images from {}", archive);
            return Piles.sample(Cifar10.open(archive).batch("data_batch_1.bin"), PER_CLASS, 7);
        }
        LOG.warn("{} is absent: using 500 GENERATED images instead of real CIFAR-10 ones", archive);
        SplittableRandom random = new SplittableRandom(7);
        List<byte[]> images = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        int[] labels = new int[10 * PER_CLASS];
        for (int i = 0; i < labels.length; i++) {
            byte[] pixels = new byte[CifarDataset.IMAGE_BYTES];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (byte) random.nextInt(256);
            }
            images.add(pixels);
            labels[i] = i % 10;
            origins.add(new Origin("generated.bin", i));
        }
        return CifarDataset.of(images, labels, origins, Cifar10.CLASS_NAMES);
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 8})
    void sparkAnalysisEqualsTheOneMachineAnalysis(int partitions) {
        ErrorAnalysis spark = SparkErrorAnalysis.of(sc, model, sc.parallelize(elements, partitions), options);

        assertThat(spark.examples()).isEqualTo(10 * PER_CLASS);
        assertThat(spark.wrong().isEmpty()).isFalse();
        assertThat(spark.wrong().asList()).allSatisfy(w -> assertThat(w.origin()).isNotEmpty());
        assertSame(spark, single);
    }

    @Test
    void anEmptyPartitionChangesNothing() {
        int half = elements.size() / 2;
        JavaRDD<DataSet> rdd = sc.parallelize(elements.subList(0, half), 2)
                .union(sc.parallelize(List.<DataSet>of(), 1))
                .union(sc.parallelize(elements.subList(half, elements.size()), 2));
        assertThat(rdd.getNumPartitions()).isEqualTo(5);
        assertThat(rdd.glom().collect().get(2)).isEmpty();

        assertSame(SparkErrorAnalysis.of(sc, model, rdd, options), single);
    }

    @Test
    void oneElementHoldingTheWholeSetIsCutLikeTheOneMachineAnalysisCutsADataSet() {
        ErrorAnalysis spark = SparkErrorAnalysis.of(sc, model, sc.parallelize(List.of(whole), 1), options);

        assertSame(spark, ErrorAnalysis.of(Classifier.of(model), whole, options));
    }

    @Test
    void aPartitionWhoseLabelsHaveAnotherClassCountFailsNamingPartitionAndRow() {
        List<DataSet> bad = new ArrayList<>(elements.subList(0, 6));
        DataSet nine = bad.get(4).copy();
        nine.setLabels(nine.getLabels().getColumns(IntStream.range(0, 9).toArray()));
        bad.set(4, nine);

        BadPartitionException e = catchThrowableOfType(BadPartitionException.class,
                () -> SparkErrorAnalysis.of(sc, model, sc.parallelize(bad, 3), options));

        assertThat(e.partition()).isEqualTo(2);
        assertThat(e.row()).isZero();
        assertThat(e).hasMessage("partition 2, row 0: the labels have shape [25, 9] (9 classes) but the model outputs "
                + "10 classes");
    }

    @Test
    void aLabelOutOfRangeFailsNamingPartitionAndRow() {
        List<DataSet> bad = new ArrayList<>();
        for (DataSet ds : elements.subList(0, 4)) {
            DataSet indexLabels = ds.copy();
            indexLabels.setLabels(ds.getLabels().argMax(1).reshape(-1, 1).castTo(ds.getLabels().dataType()));
            bad.add(indexLabels);
        }
        bad.get(3).getLabels().putScalar(5, 0, 12);

        assertThatThrownBy(() -> SparkErrorAnalysis.of(sc, model, sc.parallelize(bad, 2), options))
                .isInstanceOf(BadPartitionException.class)
                .hasMessage("partition 1, row 30: label 12.0 is out of range; there are 10 classes (0..9)")
                .hasCauseInstanceOf(Exception.class);
    }

    @Test
    void anEmptyTestSetIsRefused() {
        assertThatThrownBy(() -> SparkErrorAnalysis.of(sc, model, sc.parallelize(List.<DataSet>of(), 2), options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the test set is empty: the RDD of 2 partitions holds no examples");
    }

    @Test
    void classNamesThatDoNotMatchTheModelAreRefusedOnTheDriver() {
        AnalysisOptions nine = options.withClassNames(Cifar10.CLASS_NAMES.subList(0, 9));

        assertThatThrownBy(() -> SparkErrorAnalysis.of(sc, model, sc.parallelize(elements, 2), nine))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("there are 9 class names [airplane");
    }
}
