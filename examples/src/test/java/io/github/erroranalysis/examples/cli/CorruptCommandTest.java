package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.corruption.CorruptedData;
import io.github.erroranalysis.corruption.Corruption;
import io.github.erroranalysis.examples.BundledSample;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code corrupt}: {@code batches.origins.txt} is always written, and what it writes reads back ({@code --split all},
 * chained) without being split again.
 */
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

    @Test
    void whatCorruptWritesOfTheBundledSampleReadsBackWithSplitAllKeepingTheOriginalOriginsAndChains() throws Exception {
        // GIVEN the bundled sample (no splits: all 1,000 records) corrupted into data_batch_1.bin
        CifarDataset sample = BundledSample.load();
        Cli.Result r = Cli.run(dir, "corrupt", "--corruption", "brightness", "--severity", "1", "--out", "c");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(r.out()).contains("(data_batch_1.bin)");
        // WHEN read back by analyze --split all
        Cli.Result analysed = Cli.run(dir, "analyze", "--data", "c", "--split", "all", "--quiet", "--out", "a");
        // THEN every record, with the sample's own origins
        assertThat(analysed.exitCode()).as(analysed.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(analysed.out()).contains("Analysed 1,000 images");
        CifarDataset back = Inputs.data(console(), "c", Split.ALL).images();
        assertThat(back.origins()).isEqualTo(sample.origins());
        assertThat(back.labels()).isEqualTo(sample.labels());
        // AND a corruption of the corruption: corrupt --data c --split all
        Cli.Result chained = Cli.run(dir, "corrupt", "--data", "c", "--split", "all", "--corruption", "contrast",
                "--severity", "1", "--out", "d");
        assertThat(chained.exitCode()).as(chained.err()).isEqualTo(ExitCodes.PASSED);
        CifarDataset twice = Cifar10.open(dir.resolve("d")).all();
        assertThat(twice.origins()).isEqualTo(sample.origins());
        CifarDataset expected = CorruptedData.corrupt(CorruptedData.corrupt(sample, Corruption.BRIGHTNESS, 1, 0),
                Corruption.CONTRAST, 1, 0);
        assertThat(twice.pixels(999)).isEqualTo(expected.pixels(999));
    }

    @Test
    void aPileCorruptWroteIsNotSplitAgainButNamedWithItsCountAndPointedToSplitAll() throws Exception {
        // GIVEN a folder corrupt wrote whose pile is cut into five training batches (as corrupt --split train writes
        // its 45,000 records; here 25, put in place of what corrupt wrote of the sample)
        Cli.Result wrote = Cli.run(dir, "corrupt", "--corruption", "brightness", "--severity", "1", "--out", "pile");
        assertThat(wrote.exitCode()).as(wrote.err()).isEqualTo(ExitCodes.PASSED);
        CifarDataset few = BundledSample.load().subset(IntStream.range(0, 25).toArray());
        Map<String, CifarDataset> five = new java.util.LinkedHashMap<>();
        for (int b = 0; b < 5; b++) {
            five.put("data_batch_" + (b + 1) + ".bin", few.subset(IntStream.range(5 * b, 5 * b + 5).toArray()));
        }
        CifarWriter.writeFolder(five, dir.resolve("pile/cifar-10-batches-bin"), true);
        // WHEN it is read with --split train or validation THEN one line, exit 2, naming the count and --split all
        for (String split : List.of("train", "validation")) {
            Cli.Result r = Cli.run(dir, "corrupt", "--data", "pile", "--split", split, "--corruption", "fog",
                    "--severity", "1", "--out", "x-" + split);
            assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.errLines()).containsExactly("cifar-errors corrupt: --data pile: --split " + split
                    + " needs the 50,000 training records of the official release (Piles.standardSplit); " + dir.resolve("pile")
                    + " has 25 in data_batch_1..5, a pile corrupt wrote; use --split all to read every record it "
                    + "holds");
        }
        assertThat(Inputs.data(console(), "pile", Split.ALL).images().origins()).isEqualTo(few.origins());
        // AND a pile of data_batch_1.bin alone, read with no split or a training split, suggests --split all
        CifarWriter.writeFolder(Map.of("data_batch_1.bin", few), dir.resolve("one"), true);
        for (Split split : java.util.Arrays.asList(null, Split.TRAIN, Split.VALIDATION)) {
            assertThatThrownBy(() -> Inputs.data(console(), "one", split))
                    .isInstanceOf(BadInputException.class).hasMessageNotContaining("\n")
                    .hasMessageContaining(split == null ? "missing test_batch.bin" : "missing data_batch_2.bin")
                    .hasMessageEndingWith("; --split all reads every batch the release holds (as corrupt writes a "
                            + "pile)");
        }
        assertThat(Inputs.data(console(), "one", Split.ALL).images().origins()).isEqualTo(few.origins());
    }

    /** A console in the test folder that prints nothing. */
    private Console console() {
        PrintStream none = new PrintStream(PrintStream.nullOutputStream());
        return new Console(dir, none, none, false);
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
