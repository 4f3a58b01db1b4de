package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.corruption.CorruptedData;
import io.github.erroranalysis.corruption.Corruption;
import io.github.erroranalysis.examples.BundledSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corrupt --split test} of a release: {@code batches.origins.txt} is always written and reads back. */
class CorruptCommandTest {

    private static final int IMAGES = 40;

    @TempDir
    Path dir;

    @Test
    void theTestSplitOfAnOfficialLikeReleaseGetsAnOriginFileListingEveryRecordAtItsOwnPlace() throws Exception {
        CifarDataset few = BundledSample.load().subset(IntStream.range(0, IMAGES).toArray());
        List<Origin> ownPlaces = IntStream.range(0, IMAGES).mapToObj(i -> new Origin("test_batch.bin", i)).toList();
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            images.add(few.pixels(i));
        }
        CifarDataset test = CifarDataset.of(images, few.labels(), ownPlaces, few.classNames());
        Path clean = CifarWriter.writeFolder(Map.of("test_batch.bin", test), dir.resolve("clean"));
        assertThat(clean.resolve("batches.origins.txt")).doesNotExist(); // as in the official release

        CifarDataset back = corruptTestSplit();

        Path origins = dir.resolve("c/cifar-10-batches-bin/batches.origins.txt");
        assertThat(origins).isRegularFile();
        assertThat(Files.readAllLines(origins)).hasSize(1 + IMAGES)
                .contains("test_batch.bin\t0\ttest_batch.bin\t0", "test_batch.bin\t39\ttest_batch.bin\t39");
        assertThat(back.origins()).isEqualTo(ownPlaces);
        CifarDataset expected = CorruptedData.corrupt(test, Corruption.BRIGHTNESS, 2, 0);
        for (int i = 0; i < IMAGES; i++) {
            assertThat(back.pixels(i)).as("image %d", i).isEqualTo(expected.pixels(i));
        }
        assertThat(back.labels()).isEqualTo(test.labels());
    }

    @Test
    void theTestSplitOfARewrittenPileKeepsTheOriginsItWasReadWith() throws Exception {
        CifarDataset few = BundledSample.load().subset(IntStream.range(0, IMAGES).toArray());
        CifarWriter.writeFolder(Map.of("test_batch.bin", few), dir.resolve("clean"));

        CifarDataset back = corruptTestSplit();

        assertThat(back.origins()).isEqualTo(few.origins()).noneMatch(o -> o.file().equals("test_batch.bin"));
    }

    /** Runs {@code corrupt --data clean --split test} (brightness 2) into {@code c} and reads its test split. */
    private CifarDataset corruptTestSplit() throws Exception {
        Cli.Result r = Cli.run(dir, "corrupt", "--data", "clean", "--split", "test", "--corruption", "brightness",
                "--severity", "2", "--out", "c");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        Path release = dir.resolve("c/cifar-10-batches-bin");
        try (var list = Files.list(release)) {
            assertThat(list.map(p -> p.getFileName().toString()))
                    .contains("batches.meta.txt", "batches.origins.txt", "test_batch.bin")
                    .noneMatch(name -> name.startsWith("data_batch"));
        }
        return Cifar10.open(dir.resolve("c")).test();
    }
}
