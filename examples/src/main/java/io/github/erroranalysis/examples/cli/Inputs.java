package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.AnalysisOptions;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Fingerprints;
import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.NumberArray;
import io.github.erroranalysis.PredictionFiles;
import io.github.erroranalysis.PredictionKindException;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarArchive;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarFormatException;
import io.github.erroranalysis.cifar.data.ImageFolder;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.examples.BundledSample;
import io.github.erroranalysis.io.ClassLists;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.io.OutputFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Turns what the user typed into models, data and analyses, with a one-line {@link BadInputException} naming the
 * option, the file and the value when something is wrong.
 */
public final class Inputs {

    /** Images per inference batch. */
    public static final int BATCH_SIZE = 128;

    private Inputs() {
    }

    /**
     * Loads a model given as a bundled model's name or a saved model file.
     *
     * @param console where relative paths resolve
     * @param option the option that named the model, for messages (such as {@code --model})
     * @param given {@code baseline}, {@code augmented} or a path to a saved {@code .cifarmodel} file
     * @return the model
     * @throws IOException if the model file cannot be read; the message names it
     */
    public static CifarModel model(Console console, String option, String given) throws IOException {
        if (BundledModels.names().contains(given)) {
            if (!BundledModels.isAvailable(given)) {
                throw new BadInputException(option + " " + given + ": the bundled model '" + given
                        + "' is not in this build yet (it is still being trained); give a saved model file instead");
            }
            return BundledModels.byName(given);
        }
        GivenPaths.checkTyped(option, given, String.join(", ", BundledModels.names()) + " or a saved model file");
        Path file = console.resolve(given);
        if (!Files.exists(file) && !Files.isSymbolicLink(file)) {
            throw new BadInputException(option + " " + given + ": no such model file " + file + " (expected "
                    + String.join(", ", BundledModels.names()) + " or a saved .cifarmodel file)");
        }
        file = GivenPaths.file(console, option, given);
        try {
            return CifarModel.load(file);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(option + " " + file + ": not a readable saved model (" + Messages.oneLine(e) + ")", e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(option + " " + given, file, e);
        }
    }

    /**
     * Loads the test images: the bundled sample when no path is given, else a CIFAR-10 binary release (folder or
     * {@code .tar.gz}, with a split) or an image folder with one subfolder per class.
     *
     * @param console where relative paths resolve
     * @param given the {@code --data} path, or null for the bundled sample
     * @param split the {@code --split}, or null for the default ({@code test} of a release)
     * @return the images and where they came from
     * @throws IOException if the data cannot be read; the message names the file
     */
    public static TestData data(Console console, String given, Split split) throws IOException {
        return data(console, given, split, List.of());
    }

    /**
     * Loads the test images for a model: as {@link #data(Console, String, Split)}, but an image folder is read with
     * the model's classes, in its label order (a class without a subfolder simply has no examples).
     *
     * @param console where relative paths resolve
     * @param given the {@code --data} path, or null for the bundled sample
     * @param split the {@code --split}, or null for the default ({@code test} of a release)
     * @param classNames the model's class names, or empty to take an image folder's subfolder names
     * @return the images and where they came from
     * @throws IOException if the data cannot be read; the message names the file
     */
    public static TestData data(Console console, String given, Split split, List<String> classNames)
            throws IOException {
        checkData(console, given, split);
        if (given == null) {
            return new TestData(BundledSample.load(), BundledSample.NAME);
        }
        Path path = console.resolve(given);
        try {
            if (isRelease(path)) {
                return release(path, given, split == null ? Split.TEST : split);
            }
            if (Files.isDirectory(path)) {
                if (split != null && split != Split.ALL) {
                    throw new BadInputException("--split " + name(split) + " applies to a CIFAR-10 binary release, "
                            + "but --data " + given + " is an image folder");
                }
                CifarDataset images = classNames.isEmpty() ? Cifar10.readImageFolder(path)
                        : ImageFolder.read(path, classNames);
                return new TestData(images, path + " (image folder)");
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("--data " + given + ": " + Messages.oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory("--data " + given, path, e);
        }
        throw new BadInputException("--data " + given + ": not a CIFAR-10 binary folder, a .tar.gz archive or an "
                + "image folder with one subfolder per class");
    }

    /**
     * Checks {@code --train-data} cheaply, before a model is loaded: typed, the path exists and is of a kind it can
     * be (a non-empty gzip {@code .tar.gz}/{@code .tgz} file or a folder).
     *
     * @param console where relative paths resolve
     * @param given the {@code --train-data} path
     */
    public static void checkTrainingData(Console console, String given) {
        checkTrainingData(console, given, false);
    }

    /**
     * Checks {@code --train-data} and {@code --train-split} cheaply, before a model is loaded: typed, the path
     * exists and is of a kind it can be (a non-empty gzip {@code .tar.gz}/{@code .tgz} file or a folder), and the
     * standard split's training pile is asked of a CIFAR-10 release only.
     *
     * @param console where relative paths resolve
     * @param given the {@code --train-data} path
     * @param trainPile whether only the standard split's training pile is searched ({@code --train-split train})
     */
    public static void checkTrainingData(Console console, String given, boolean trainPile) {
        GivenPaths.checkTyped("--train-data", given, "a CIFAR-10 release (.tar.gz or folder) or an image folder");
        Path path = console.resolve(given);
        if (!Files.exists(path)) {
            throw new BadInputException("--train-data " + given + ": no such file or folder " + path);
        }
        boolean release = isRelease(path);
        if (!release && !Files.isDirectory(path)) {
            throw new BadInputException("--train-data " + given + ": not a CIFAR-10 binary folder, a .tar.gz "
                    + "archive or an image folder with one subfolder per class");
        }
        if (Files.isRegularFile(path)) {
            byte[] head = new byte[2];
            int read;
            try (java.io.InputStream in = Files.newInputStream(path)) {
                read = in.readNBytes(head, 0, 2);
            } catch (IOException e) {
                throw new BadInputException("--train-data " + given + ": " + Messages.oneLine(e), e);
            }
            if (read == 0) {
                throw new BadInputException("--train-data " + given + ": empty file (0 bytes); expected a "
                        + "gzip-compressed tar archive of a CIFAR-10 binary release");
            }
            if (read < 2 || (head[0] & 0xff) != 0x1f || (head[1] & 0xff) != 0x8b) {
                throw new BadInputException("--train-data " + given + ": not in gzip format (it does not start with "
                        + "the gzip bytes 1f 8b); expected a gzip-compressed tar archive of a CIFAR-10 binary "
                        + "release");
            }
        }
        if (trainPile && !release) {
            throw new BadInputException("--train-split train applies to a CIFAR-10 binary release (its standard "
                    + "45,000/5,000 split), but --train-data " + given + " is an image folder");
        }
    }

    /**
     * Loads the training data of {@code --train-data} for the nearest training examples: every training record of a
     * CIFAR-10 binary release ({@code data_batch_1.bin} to {@code data_batch_5.bin}, in that order: 50,000 for
     * CIFAR-10), or an image folder with one subfolder per class, read with the model's classes; read with the same
     * readers as {@code --data}.
     *
     * @param console where relative paths resolve
     * @param given the {@code --train-data} path
     * @param classNames the model's class names
     * @return the training images, in the order read, and where they came from
     * @throws IOException if the data cannot be read; the message names the file
     */
    public static TestData trainingData(Console console, String given, List<String> classNames) throws IOException {
        return trainingData(console, given, classNames, false);
    }

    /**
     * Loads the training data of {@code --train-data}: as {@link #trainingData(Console, String, List)}, or with
     * {@code trainPile} only the standard split's training pile of a release ({@link Piles#standardSplit}: the
     * 45,000 images the bundled models trained on, in the order read; the same pile as {@code --split train}).
     *
     * @param console where relative paths resolve
     * @param given the {@code --train-data} path
     * @param classNames the model's class names
     * @param trainPile whether only the standard split's training pile is read ({@code --train-split train})
     * @return the training images, in the order read, and where they came from
     * @throws IOException if the data cannot be read; the message names the file
     */
    public static TestData trainingData(Console console, String given, List<String> classNames, boolean trainPile)
            throws IOException {
        checkTrainingData(console, given, trainPile);
        Path path = console.resolve(given);
        CifarDataset images;
        String source;
        try {
            if (isRelease(path) && trainPile) {
                images = Piles.standardSplit(path).train();
                source = path + ", training pile of the standard split";
            } else if (isRelease(path)) {
                images = Cifar10.open(path).train();
                source = path + ", training batches";
            } else if (Files.isDirectory(path)) {
                images = ImageFolder.read(path, classNames);
                source = path + " (image folder)";
            } else {
                throw new BadInputException("--train-data " + given + ": not a CIFAR-10 binary folder, a .tar.gz "
                        + "archive or an image folder with one subfolder per class");
            }
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("--train-data " + given + ": " + Messages.oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory("--train-data " + given, path, e);
        }
        if (!images.classNames().equals(classNames)) {
            throw new BadInputException("--train-data " + given + ": its classes " + images.classNames()
                    + " are not the model's " + classNames);
        }
        if (images.size() == 0) {
            throw new BadInputException("--train-data " + given + ": it holds no images");
        }
        return new TestData(images, source);
    }

    /**
     * Checks the data options cheaply, before a model is loaded: the path exists, and a split comes with a path.
     *
     * @param console where relative paths resolve
     * @param given the {@code --data} path, or null for the bundled sample
     * @param split the {@code --split}, or null
     */
    public static void checkData(Console console, String given, Split split) {
        if (given == null) {
            if (split != null && split != Split.ALL) {
                throw new BadInputException("--split " + name(split) + " needs --data: the bundled sample has no "
                        + "splits (--split all, or none, reads its 1,000 images)");
            }
            return;
        }
        GivenPaths.checkTyped("--data", given, "a CIFAR-10 release (.tar.gz or folder) or an image folder");
        Path path = console.resolve(given);
        if (!Files.exists(path)) {
            throw new BadInputException("--data " + given + ": no such file or folder " + path);
        }
    }

    /** Whether a path is a CIFAR-10 binary release: a .tar.gz archive or a folder with its batches. */
    static boolean isRelease(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(path)) {
            return name.endsWith(".tar.gz") || name.endsWith(".tgz");
        }
        return Files.isRegularFile(path.resolve("batches.meta.txt"))
                || Files.isDirectory(path.resolve("cifar-10-batches-bin"));
    }

    /** The training records of the official release, on which {@link Piles#standardSplit} is defined. */
    static final int OFFICIAL_TRAINING_RECORDS = 50_000;

    /**
     * Reads a split of a release; {@code train} and {@code validation} of a folder {@code corrupt} wrote only when it
     * holds the 50,000 training records of the official release (any other pile would be split again, silently),
     * and a missing batch suggests {@code --split all}.
     */
    private static TestData release(Path path, String given, Split split) throws IOException {
        String source = path + ", split " + name(split);
        CifarArchive archive = Cifar10.open(path);
        try {
            return switch (split) {
                case TEST -> new TestData(archive.test(), source);
                case ALL -> new TestData(archive.all(), source);
                case TRAIN, VALIDATION -> {
                    CifarDataset training = archive.train();
                    if (training.size() != OFFICIAL_TRAINING_RECORDS && writtenByCorrupt(archive.path())) {
                        throw new BadInputException("--data " + given + ": --split " + name(split) + " needs the "
                                + String.format(Locale.ROOT, "%,d", OFFICIAL_TRAINING_RECORDS) + " training records "
                                + "of the official release (Piles.standardSplit); " + path + " has "
                                + String.format(Locale.ROOT, "%,d", training.size()) + " in data_batch_1..5, a pile "
                                + "corrupt wrote; use --split all to read every record it holds");
                    }
                    Piles.Split piles = Piles.standardSplit(training);
                    yield new TestData(split == Split.TRAIN ? piles.train() : piles.validation(), source);
                }
            };
        } catch (CifarFormatException e) {
            if (!Messages.oneLine(e).contains(": missing ")) {
                throw e;
            }
            throw new BadInputException("--data " + given + ": " + Messages.oneLine(e) + "; --split all reads every "
                    + "batch the release holds (as corrupt writes a pile)", e);
        }
    }

    /**
     * Whether a release folder (its {@code cifar-10-batches-bin} folder or the folder above) holds the marker of a
     * folder {@code corrupt} wrote. Only such a pile is refused a re-split: small synthetic releases of other
     * origins, and archives, are split as before.
     */
    static boolean writtenByCorrupt(Path batches) throws IOException {
        if (!Files.isDirectory(batches)) {
            return false;
        }
        for (Path folder : batches.getParent() == null ? List.of(batches) : List.of(batches, batches.getParent())) {
            Path marker = folder.resolve(OutputFolders.MARKER);
            if (Files.isRegularFile(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(marker) < 1 << 20
                    && Files.readString(marker, java.nio.charset.StandardCharsets.ISO_8859_1)
                            .contains(CorruptCommand.FOLDER_KIND)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a model once over the test images, with a progress bar on the console's standard error unless quiet.
     *
     * @param model the model
     * @param data the images
     * @param quiet whether to keep progress bars off
     * @param console where the progress bar is drawn
     * @return the analysis, with each image's origin, and its provenance: the network's parameters fingerprinted,
     *         the data said by its source and fingerprint ({@code sha256:} and the images' own
     *         {@link CifarDataset#fingerprint()}, of class names, labels and pixels, whatever the model's
     *         normalization)
     * @throws IOException if the model's classes differ from the data's; the message lists both
     */
    public static ErrorAnalysis analyse(CifarModel model, TestData data, boolean quiet, Console console)
            throws IOException {
        AnalysisOptions options = AnalysisOptions.defaults().withClassNames(model.classNames())
                .withProgress(ConsoleProgress.analysing(console, quiet, data.images().size()));
        if (quiet) {
            options = options.quietly();
        }
        try {
            ErrorAnalysis analysis = ErrorAnalysis.of(model.classifier(),
                    model.iterator(data.images(), BATCH_SIZE), options);
            return analysis.withProvenance(analysis.provenance().withData(data.source(),
                    Fingerprints.PREFIX + data.images().fingerprint()));
        } catch (IOException e) {
            throw new BadInputException("--data " + data.source() + ": " + Messages.oneLine(e), e);
        }
    }

    /** The largest origins file read: 64 MiB, far beyond a million origins of CIFAR-10's form. */
    static final long MAX_ORIGINS_BYTES = 64L << 20;

    /**
     * Gives an analysis of precomputed predictions the origins of its examples, read from a file: one a line,
     * UTF-8, an empty line for an unknown origin (as {@code --save-predictions} writes {@code FILE.origins.txt}).
     *
     * @param console where relative paths resolve
     * @param origins the origins file as typed
     * @param analysis the analysis
     * @return the analysis with the origins
     * @throws BadInputException if the file cannot be read, is not UTF-8, is too large or has another line count
     */
    static ErrorAnalysis withOrigins(Console console, String origins, ErrorAnalysis analysis) {
        Path file = existing(console, "--origins", origins);
        String text;
        try {
            long size = java.nio.file.Files.size(file);
            if (size > MAX_ORIGINS_BYTES) {
                throw new BadInputException("--origins " + origins + ": " + file + " has " + size + " bytes, more "
                        + "than the " + MAX_ORIGINS_BYTES + " an origins file may have");
            }
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(file))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadInputException("--origins " + origins + ": " + file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new BadInputException("--origins " + origins + ": " + Messages.oneLine(e), e);
        }
        List<String> lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the last line's newline
        }
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        if (lines.size() != analysis.examples()) {
            throw new BadInputException("--origins " + origins + ": " + file + " has " + lines.size()
                    + (lines.size() == 1 ? " line" : " lines") + " but --predictions has " + analysis.examples()
                    + " rows; give one origin a line, an empty line where none is known");
        }
        return analysis.withOrigins(lines);
    }

    /**
     * Reads precomputed predictions: probabilities (or logits) and true labels as {@code .npy} or {@code .csv}, and
     * the class names, one per line. Two CSV files decide their headers together (see
     * {@link PredictionFiles#readCsv(Path, Path)}); a CSV file beside a {@code .npy} file decides its header by the
     * {@code .npy} file's row count.
     *
     * @param console where relative paths resolve
     * @param predictionsOption the option that named the predictions file, for messages
     * @param predictions the predictions file, N×C
     * @param labels the labels file, N class indexes
     * @param classes the class-names file
     * @param logits whether the predictions are logits rather than probabilities
     * @return the analysis
     * @throws IOException if a file cannot be read; the message names it
     */
    public static ErrorAnalysis predictions(Console console, String predictionsOption, String predictions,
            String labels, String classes, boolean logits) throws IOException {
        return predictionsRead(console, predictionsOption, predictions, labels, classes, logits).analysis();
    }

    /**
     * Precomputed predictions as read: the analysis, and the logits themselves when they were logits (a temperature
     * is then fitted and applied on them, not on the floored logarithms of their softmax).
     *
     * @param analysis the analysis
     * @param logits the N×C logits read, or null for probabilities
     */
    record Predictions(ErrorAnalysis analysis, NumberArray logits) {
    }

    /**
     * Reads precomputed predictions as {@link #predictions} does, keeping the logits read with {@code --logits}.
     *
     * @param console where relative paths resolve
     * @param predictionsOption the option that named the predictions file, for messages
     * @param predictions the predictions file, N×C
     * @param labels the labels file, N class indexes
     * @param classes the class-names file
     * @param logits whether the predictions are logits rather than probabilities
     * @return the analysis, with the logits when they were logits
     * @throws IOException if a file cannot be read; the message names it
     */
    static Predictions predictionsRead(Console console, String predictionsOption, String predictions,
            String labels, String classes, boolean logits) throws IOException {
        if (labels == null || classes == null) {
            throw new BadInputException(predictionsOption + " needs --labels FILE and --classes FILE as well");
        }
        Path predictionsFile = existing(console, predictionsOption, predictions);
        Path labelsFile = existing(console, "--labels", labels);
        Path classesFile = existing(console, "--classes", classes);
        List<String> names = classNames(classesFile);
        boolean npyScores = isNpy(predictionsOption + " " + predictions, predictionsFile);
        boolean npyLabels = isNpy("--labels " + labels, labelsFile);
        String both = predictionsOption + " " + predictions + " with --labels " + labels + " and --classes "
                + classes;
        // the data as read: the SHA-256 of the two files' bytes, as `cat PREDICTIONS LABELS | sha256sum` gives it,
        // made on another thread while the files are read and analysed (interrupted when anything is refused)
        FutureTask<String> fingerprint = new FutureTask<>(() -> Fingerprints.ofFiles(predictionsFile, labelsFile));
        Thread hashing = new Thread(fingerprint, "cifar-errors fingerprint");
        hashing.setDaemon(true);
        hashing.start();
        try {
            Predictions read = analyse(predictionsOption, predictions, labels, classes, logits, predictionsFile,
                    labelsFile, names, npyScores, npyLabels, both);
            // (the analysis's default provenance is not asked for: it would fingerprint the probabilities once more)
            return new Predictions(read.analysis().withData(predictionsFile + " with labels " + labelsFile,
                    read(both, predictionsFile, () -> finish(fingerprint))), read.logits());
        } finally {
            fingerprint.cancel(true);
        }
    }

    /** Waits for a fingerprint made on another thread, giving its failure as it was thrown. */
    private static String finish(FutureTask<String> fingerprint) throws IOException {
        try {
            return fingerprint.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fingerprinting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Reads both files (headers first: the class and row counts are checked before a byte of data is read). */
    private static Predictions analyse(String predictionsOption, String predictions, String labels, String classes,
            boolean logits, Path predictionsFile, Path labelsFile, List<String> names, boolean npyScores,
            boolean npyLabels, String both) {
        // plain Java arrays throughout: a --predictions run never loads ND4J's native libraries
        NumberArray matrix;
        NumberArray truth;
        if (!npyScores && !npyLabels) {
            PredictionFiles.CsvNumbers csv;
            try {
                csv = read(both, predictionsFile, () -> PredictionFiles.readCsvNumbers(predictionsFile, labelsFile,
                        names));
            } catch (BadInputException e) {
                // the reader's message starts with the file at fault: name that file's option alone
                String message = e.getCause() == null ? "" : Messages.oneLine(e.getCause());
                if (message.contains(predictionsFile.toString()) && message.contains(labelsFile.toString())) {
                    throw e;
                }
                if (message.startsWith(predictionsFile.toString())) {
                    throw new BadInputException(predictionsOption + " " + predictions + ": " + message, e.getCause());
                }
                if (message.startsWith(labelsFile.toString())) {
                    throw new BadInputException("--labels " + labels + ": " + message, e.getCause());
                }
                throw e;
            }
            matrix = csv.scores();
            truth = csv.labels();
            checkColumns(predictionsOption, predictions, classes, names, matrix.shape());
        } else if (npyScores) {
            // the header first: the class count and the row counts are checked before a byte of data is read
            NpyFile.Header header = read(predictionsOption + " " + predictions, predictionsFile,
                    () -> NpyFile.readHeader(predictionsFile));
            long[] shape = header.shape().stream().mapToLong(Long::longValue).toArray();
            checkColumns(predictionsOption, predictions, classes, names, shape);
            long rows = shape.length == 0 ? 1 : shape[0];
            NumberArray csvLabels = null;
            if (npyLabels) {
                read("--labels " + labels, labelsFile, () -> NpyFile.readHeader(labelsFile));
                read(both, predictionsFile, () -> {
                    PredictionFiles.checkNpyRows(predictionsFile, labelsFile);
                    return null;
                });
            } else {
                csvLabels = NumberArray.ofInts(read("--labels " + labels, labelsFile,
                        () -> PredictionFiles.readCsvLabels(labelsFile, rows, names)));
                if (shape.length == 2 && shape[0] > 0 && shape[1] > 0 && shape[0] != csvLabels.length()) {
                    throw new BadInputException(both + ": " + PredictionFiles.rowMismatch(predictionsFile, rows,
                            labelsFile, csvLabels.length()));
                }
            }
            matrix = read(predictionsOption + " " + predictions, predictionsFile,
                    () -> PredictionFiles.readNpyNumbers(predictionsFile));
            truth = npyLabels ? read("--labels " + labels, labelsFile, () -> PredictionFiles.readNpyNumbers(labelsFile))
                    : csvLabels;
        } else {
            truth = read("--labels " + labels, labelsFile, () -> PredictionFiles.readNpyNumbers(labelsFile));
            long rows = truth.rank() == 0 ? 1 : truth.size(0);
            matrix = read(predictionsOption + " " + predictions, predictionsFile,
                    () -> PredictionFiles.readCsvMatrixNumbers(predictionsFile, rows, names));
            checkColumns(predictionsOption, predictions, classes, names, matrix.shape());
        }
        ErrorAnalysis analysis;
        try {
            analysis = logits ? ErrorAnalysis.fromLogits(matrix, truth, names)
                    : ErrorAnalysis.fromPredictions(matrix, truth, names);
        } catch (PredictionKindException e) {
            throw new BadInputException(switch (e.kind()) {
                case NOT_PROBABILITIES -> predictionsOption + " " + predictions + ": " + e.problem()
                        + "; if these are logits or unnormalized scores, add --logits";
                case LOOKS_LIKE_PROBABILITIES -> predictionsOption + " " + predictions + " with --logits: "
                        + e.problem() + "; leave out --logits";
                case UNNORMALISED_PROBABILITIES -> predictionsOption + " " + predictions + ": " + e.problem()
                        + "; " + e.advice();
            }, e);
        } catch (RuntimeException e) {
            throw new BadInputException(both + ": " + Messages.oneLine(e), e);
        }
        return new Predictions(analysis, logits ? matrix : null);
    }

    /** Refuses a predictions matrix with another number of columns than there are class names. */
    private static void checkColumns(String predictionsOption, String predictions, String classes,
            List<String> names, long[] shape) {
        if (shape.length == 2 && shape[1] != names.size()) {
            throw new BadInputException("--classes " + classes + ": " + names.size() + " class names, but "
                    + predictionsOption + " " + predictions + " has " + shape[1] + " columns (one per class)"
                    + (names.stream().anyMatch(n -> n.startsWith("#"))
                            ? "; note that lines starting with # are class names too, not comments" : ""));
        }
    }

    /** A read of a file that may fail. */
    @FunctionalInterface
    interface Read<T> {
        /**
         * Reads.
         *
         * @return what was read
         * @throws IOException if the file cannot be read
         */
        T read() throws IOException;
    }

    /**
     * Reads a file, turning every failure into a one-line {@link BadInputException} that names the option and file
     * (running out of memory included: it names the file's size and suggests {@code -Xmx}).
     *
     * @param what the option and file as typed, for messages
     * @param file the file
     * @param read the read
     * @param <T> what is read
     * @return what was read
     */
    static <T> T read(String what, Path file, Read<T> read) {
        try {
            return read.read();
        } catch (BadInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException(what + ": " + Messages.oneLine(e), e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(what, file, e);
        }
    }

    /**
     * Says that reading a file ran out of memory: its size, the heap's limit and how to raise it.
     *
     * @param what the option and file as typed, for the message
     * @param file the file or folder being read
     * @param e the error
     * @return the exception to throw
     */
    static BadInputException outOfMemory(String what, Path file, OutOfMemoryError e) {
        return new BadInputException(what + ": " + Messages.outOfMemory(file), e);
    }

    private static boolean isNpy(String what, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return true;
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return false;
        }
        throw new BadInputException(what + ": " + file + ": unknown format; expected a .npy or .csv file");
    }

    /**
     * Reads class names, in label order, by the one class-list rule of {@link ClassLists} (strict UTF-8 with a
     * byte-order mark dropped, one stripped name per non-blank line, a line starting with {@code #} is a name too:
     * there are no comments, no control characters, distinct names), or as the single comma-separated line that
     * rule allows for {@code --classes}.
     *
     * @param file the class-names file
     * @return the class names in label order
     * @throws IOException if the file cannot be read; a file that breaks the rule is a {@link BadInputException}
     *                     naming the file and line (and, for bytes that are not UTF-8, the offset)
     */
    public static List<String> classNames(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return ClassLists.parseLinesOrList(file.toString(), bytes);
        } catch (IOException e) {
            throw new BadInputException("--classes " + e.getMessage(), e);
        }
    }

    /**
     * Resolves a file that must exist and be a regular file: an empty path, a literal {@code ~} the shell did not
     * expand, a folder, a device or a FIFO is refused saying what it is (see {@link GivenPaths#file}).
     *
     * @param console where relative paths resolve
     * @param option the option that named the file, for messages
     * @param given the path as typed
     * @return the resolved file
     */
    public static Path existing(Console console, String option, String given) {
        return GivenPaths.file(console, option, given);
    }

    /**
     * Checks that a threshold is a fraction.
     *
     * @param option the option, for the message
     * @param value the threshold
     * @return the threshold
     */
    public static double fraction(String option, double value) {
        return checkFraction(option + " " + format(value), value);
    }

    /**
     * Checks that a threshold is a fraction, naming the option and value as typed.
     *
     * @param typed the option and its value as typed, for the message (such as {@code --min-class-accuracy cat=60})
     * @param value the threshold
     * @return the threshold
     */
    static double checkFraction(String typed, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new BadInputException(typed + ": " + format(value) + " is outside [0, 1]; give a fraction, such as "
                    + "0.6 for 60 %");
        }
        return value;
    }

    /**
     * Writes a split's name as typed on the command line.
     *
     * @param split the split
     * @return its lower-case name
     */
    public static String name(Split split) {
        return split.name().toLowerCase(Locale.ROOT);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
