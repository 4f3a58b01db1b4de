package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

/** Reads the real shared CIFAR-10 training archive (skipped with a message when it is absent). */
class RealCifarTest {

    private static CifarArchive archive;
    private static CifarDataset train;

    @BeforeAll
    static void readOnce() throws IOException {
        archive = Cifar10.open(SharedData.trainArchive());
        train = archive.train();
    }

    @Test
    void train_has_50000_records_of_10_official_classes() throws IOException {
        assertThat(train.size()).isEqualTo(50_000);
        assertThat(train.classNames()).isEqualTo(Cifar10.CLASS_NAMES).isEqualTo(archive.classNames());
        assertThat(train.classCounts()).containsOnly(5_000);
        assertThat(train.origin(0)).isEqualTo(new Origin("data_batch_1.bin", 0));
        assertThat(train.origin(49_999)).isEqualTo(new Origin("data_batch_5.bin", 9_999));
    }

    @Test
    void one_batch_alone_equals_its_slice_of_train() throws IOException {
        CifarDataset third = archive.batch("data_batch_3.bin");
        assertThat(third.size()).isEqualTo(10_000);
        for (int r : new int[] {0, 1234, 9999}) {
            assertThat(third.pixels(r)).isEqualTo(train.pixels(20_000 + r));
            assertThat(third.label(r)).isEqualTo(train.label(20_000 + r));
            assertThat(third.origin(r)).isEqualTo(train.origin(20_000 + r));
        }
    }

    @Test
    void shared_copy_has_no_test_batch_and_says_so() {
        assertThatThrownBy(archive::test)
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("missing test_batch.bin")
                .hasMessageContaining("found batches.meta.txt, data_batch_1.bin");
    }

    @Test
    void stratified_validation_pile_has_exactly_500_per_class_and_is_disjoint() {
        Piles.Split split = Piles.stratified(train, 500, 42);
        assertThat(split.validation().size()).isEqualTo(5_000);
        assertThat(split.train().size()).isEqualTo(45_000);
        assertThat(split.validation().classCounts()).containsOnly(500);
        assertThat(split.train().classCounts()).containsOnly(4_500);
        Set<Origin> held = new HashSet<>(split.validation().origins());
        assertThat(split.train().origins()).noneMatch(held::contains);
        assertThat(Piles.stratified(train, 500, 42).validation().origins()).isEqualTo(split.validation().origins());
        assertThat(Piles.stratified(train, 500, 43).validation().origins())
                .isNotEqualTo(split.validation().origins());
    }

    @Test
    void every_batch_holds_10000_records_of_all_ten_classes() {
        int[][] perBatch = new int[5][10];
        for (int i = 0; i < train.size(); i++) {
            int batch = train.origin(i).file().charAt("data_batch_".length()) - '1';
            perBatch[batch][train.label(i)]++;
        }
        for (int[] counts : perBatch) {
            assertThat(java.util.Arrays.stream(counts).sum()).isEqualTo(10_000);
            assertThat(java.util.Arrays.stream(counts).boxed().toList()).allMatch(count -> count > 800 && count < 1200);
        }
    }

    @Test
    void the_validation_pile_written_and_read_back_is_byte_identical_with_its_origins(@TempDir Path dir)
            throws IOException {
        CifarDataset validation = Piles.stratified(train, 500, 42).validation();
        Path archive = CifarWriter.writeArchive(java.util.Map.of("validation.bin", validation),
                dir.resolve("validation.tar.gz"));
        Path folder = CifarWriter.writeFolder(validation, dir.resolve("folder"), "validation.bin");

        CifarDataset fromArchive = Cifar10.open(archive).batch("validation.bin");
        CifarDataset fromFolder = Cifar10.open(folder).batch("validation.bin");

        assertThat(fromArchive.size()).isEqualTo(5_000);
        assertThat(fromArchive.classCounts()).containsOnly(500);
        assertThat(fromArchive.fingerprint()).isEqualTo(validation.fingerprint()).isEqualTo(fromFolder.fingerprint());
        assertThat(fromArchive.origins()).isEqualTo(validation.origins()).isEqualTo(fromFolder.origins());
        byte[] written = Files.readAllBytes(folder.resolve("validation.bin"));
        assertThat(written).hasSize(5_000 * 3_073);
        int k = 1234;
        Origin origin = validation.origin(k);
        CifarDataset source = archive(origin.file());
        assertThat(written[k * 3_073] & 0xFF).isEqualTo(source.label(origin.record()));
        assertThat(java.util.Arrays.copyOfRange(written, k * 3_073 + 1, (k + 1) * 3_073))
                .isEqualTo(source.pixels(origin.record()));
        CifarWriter.writeBatch(fromArchive, dir.resolve("again.bin"));
        assertThat(Files.readAllBytes(dir.resolve("again.bin"))).isEqualTo(written);
    }

    private static CifarDataset archive(String batch) throws IOException {
        return archive.batch(batch);
    }

    @Test
    void iterator_carries_origins_and_normalized_features() {
        CifarDataset pile = train.subset(new int[] {5, 7, 11});
        Normalization norm = Normalization.fit(train);
        DataSet batch = new CifarDataSetIterator(pile, 8, norm).next();
        assertThat(batch.getFeatures().shape()).containsExactly(3, 3, 32, 32);
        assertThat(batch.getExampleMetaData()).containsExactly(train.origin(5), train.origin(7), train.origin(11));
        float expected = (float) (((pile.pixels(1)[1024 + 33] & 0xFF) / 255.0 - norm.greenMean()) / norm.greenStd());
        assertThat(batch.getFeatures().getFloat(1, 1, 1, 1)).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(batch.getLabels().getFloat(2, pile.label(2))).isEqualTo(1f);
        assertThat(batch.getLabels().sumNumber().intValue()).isEqualTo(3);
    }
}
