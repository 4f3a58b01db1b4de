package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.corruption.CorruptedData;
import io.github.erroranalysis.corruption.Corruption;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.OutputFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cifar-errors corrupt}: writes one corruption of a split at one severity in the official CIFAR-10 binary
 * layout, {@code FOLDER/cifar-10-batches-bin/} with {@code batches.meta.txt}, {@code batches.origins.txt} (always:
 * each record's original file and record, even where that is its new place) and the records in the input's order:
 * {@code test_batch.bin} for {@code --split test}, otherwise {@code data_batch_1.bin}, {@code data_batch_2.bin}, …
 * of at most {@value #BATCH_RECORDS} records each (cifar-data's {@link CifarWriter}); the bundled sample has no
 * splits, so all its 1,000 records are written to {@code data_batch_1.bin}. {@code --data FOLDER --split all} (of
 * any command, this one included, so corruptions chain) and {@link Cifar10#open}{@code (FOLDER).all()} read it
 * back with the corrupted pixels, the labels and the original origins. The folder must be new, empty or one this
 * tool wrote ({@link OutputFolders}'s marker); it is written whole or not at all.
 */
@Command(name = "corrupt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one corruption of a split (--corruption NAME --severity S) in the CIFAR-10 binary "
                + "layout: --out FOLDER/cifar-10-batches-bin/ with batches.meta.txt, batches.origins.txt and the "
                + "records in the input's order (test_batch.bin for --split test, else data_batch_N.bin of at most "
                + "10,000 records; the bundled sample has no splits: all its 1,000 records go to data_batch_1.bin).",
            "Read it back with --data FOLDER --split all (analyze, robustness, corrupt again, ...).",
            "--out must be a new or empty folder (or one this command wrote); it is written whole or not at all."})
public final class CorruptCommand extends ConsoleCommand {

    /** The most records of one {@code data_batch_N.bin}. */
    public static final int BATCH_RECORDS = 10_000;
    /** What the output folder is called in messages. */
    public static final String FOLDER_KIND = "corrupted data folder";

    @Option(names = "--data", paramLabel = "PATH", description = "The clean images (default: the bundled sample "
            + "of 1,000 validation images); a CIFAR-10 release (.tar.gz or folder) or an image folder.")
    String data;

    @Option(names = "--split", paramLabel = "test|train|validation|all", converter = SplitConverter.class,
            description = "Which part of a CIFAR-10 release --data names (default: test; all: every record of "
                    + "every batch file, such as a folder corrupt wrote). The bundled sample has no splits: all its "
                    + "records are written.")
    Split split;

    @Option(names = "--corruption", paramLabel = "NAME", required = true, description = "The corruption, such as "
            + "fog or gaussian_noise (one of the 19 of CIFAR-10-C).")
    String corruption;

    @Option(names = "--severity", paramLabel = "S", required = true, description = "The severity, 1 to 5.")
    int severity;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "The seed of a random corruption "
            + "(default: ${DEFAULT-VALUE}), as robustness --seed.")
    long seed;

    @Option(names = "--out", paramLabel = "FOLDER", required = true, description = "The folder to write: new, "
            + "empty or one this command wrote (never a user's data).")
    String out;

    /**
     * Makes the command for a console.
     *
     * @param console where it runs
     */
    public CorruptCommand(Console console) {
        super(console);
    }

    /**
     * Corrupts the images and writes them.
     *
     * @return {@value ExitCodes#PASSED}
     * @throws Exception bad input (exit {@value ExitCodes#BAD_INPUT}, through the error handler)
     */
    @Override
    public Integer call() throws Exception {
        Corruption c = CorruptionOptions.corruption("--corruption", corruption);
        if (severity < Corruption.MIN_SEVERITY || severity > Corruption.MAX_SEVERITY) {
            throw new BadInputException("--severity " + severity + ": a severity is from " + Corruption.MIN_SEVERITY
                    + " to " + Corruption.MAX_SEVERITY);
        }
        Path folder = Outputs.folder(console, "--out", out, CorruptCommand::checkFolder);
        TestData testData = Inputs.data(console, data, split);
        boolean test = data != null && Inputs.isRelease(console.resolve(data)) && (split == null
                || split == Split.TEST);
        CifarDataset corrupted = CorruptedData.corrupt(testData.images(), c, severity, seed);
        Map<String, CifarDataset> batches = batches(corrupted, test);
        Path written;
        try {
            written = write(batches, folder);
        } catch (ForeignFolderException e) {
            throw Outputs.refused("--out", out, e);
        }
        console.out().println("wrote " + corrupted.size() + " images of " + testData.source() + " under " + c.id()
                + " at severity " + severity + " (seed " + seed + ") to " + written.resolve(CifarWriter.BATCHES_FOLDER)
                + " (" + String.join(", ", batches.keySet()) + ")");
        return ExitCodes.PASSED;
    }

    /**
     * Cuts the records into batch files in order: {@code test_batch.bin} for the test split, otherwise
     * {@code data_batch_N.bin} of at most {@value #BATCH_RECORDS} records.
     *
     * @param data the records
     * @param test whether they are a release's test split
     * @return batch file name to its records, in order
     */
    static Map<String, CifarDataset> batches(CifarDataset data, boolean test) {
        Map<String, CifarDataset> out = new LinkedHashMap<>();
        if (test) {
            out.put("test_batch.bin", data);
            return out;
        }
        for (int from = 0, b = 1; from < data.size(); from += BATCH_RECORDS, b++) {
            int[] indexes = java.util.stream.IntStream.range(from, Math.min(data.size(), from + BATCH_RECORDS))
                    .toArray();
            out.put("data_batch_" + b + ".bin", data.subset(indexes));
        }
        return out;
    }

    /**
     * Checks, changing nothing, that the folder may be written: absent, empty or holding the marker of a folder this
     * tool wrote; the working folder and any folder holding it are refused.
     *
     * @param folder the folder
     * @param workingFolder the caller's working folder
     * @return the folder that would be written
     * @throws IOException if it may not be written
     */
    static Path checkFolder(Path folder, Path workingFolder) throws IOException {
        return OutputFolders.check(folder, FOLDER_KIND, f -> false, workingFolder);
    }

    /**
     * Writes the release, origins always, with {@link CifarWriter#writeFolder(Map, Path, boolean)} into a temporary
     * folder, then stages its files into {@code folder/cifar-10-batches-bin/} with {@link OutputFolders#replaceWith},
     * so the folder is whole or absent.
     */
    private static Path write(Map<String, CifarDataset> batches, Path folder) throws IOException {
        Path temporary = Files.createTempDirectory("cifar-errors-corrupt-");
        try {
            CifarWriter.writeFolder(batches, temporary, true);
            Map<String, AtomicFiles.Content> files = new LinkedHashMap<>();
            List<Path> written;
            try (Stream<Path> list = Files.list(temporary)) {
                written = list.sorted().toList();
            }
            for (Path f : written) {
                files.put(CifarWriter.BATCHES_FOLDER + "/" + f.getFileName(), o -> Files.copy(f, o));
            }
            return OutputFolders.replaceWith(folder, FOLDER_KIND, files, f -> false);
        } finally {
            try (Stream<Path> list = Files.list(temporary)) {
                for (Path f : list.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(temporary);
        }
    }
}
