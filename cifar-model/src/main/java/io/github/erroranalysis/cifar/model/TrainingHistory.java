package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.Utf8Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The per-epoch record of a training run (train loss and accuracy, validation loss and accuracy, seconds), which
 * saves to CSV or JSON and loads back.
 *
 * @param epochs the epochs in order
 */
public record TrainingHistory(List<EpochRecord> epochs) {

    private static final String CSV_HEADER = "epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,seconds";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Creates a history, copying the list.
     *
     * @param epochs the epochs in order
     */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /**
     * Returns this history with one more epoch.
     *
     * @param epoch the epoch to append
     * @return a new history
     */
    public TrainingHistory plus(EpochRecord epoch) {
        List<EpochRecord> more = new ArrayList<>(epochs);
        more.add(epoch);
        return new TrainingHistory(more);
    }

    /**
     * Returns the epoch with the highest validation accuracy (the earliest on ties).
     *
     * @return the best epoch, or empty for an empty history
     */
    public Optional<EpochRecord> best() {
        return epochs.stream().max(Comparator.comparingDouble(EpochRecord::validationAccuracy)
                .thenComparing(Comparator.comparingInt(EpochRecord::epoch).reversed()));
    }

    /**
     * Returns the total wall-clock seconds of all epochs.
     *
     * @return the sum of the epochs' seconds
     */
    public double totalSeconds() {
        return epochs.stream().mapToDouble(EpochRecord::seconds).sum();
    }

    /**
     * Saves the history, as JSON when the file name ends in {@code .json} and as CSV otherwise, atomically.
     *
     * @param file the file to write
     * @throws IOException if writing fails; an existing file is then left as it was
     */
    public void save(Path file) throws IOException {
        byte[] content = (file.getFileName().toString().endsWith(".json") ? toJson() : toCsv())
                .getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, content);
    }

    /**
     * Loads a history saved by {@link #save(Path)}, as JSON or CSV by the file name's extension.
     *
     * @param file the file to read
     * @return the history
     * @throws IOException if the file cannot be read or a line is malformed (the message names file and line)
     */
    public static TrainingHistory load(Path file) throws IOException {
        String content = Utf8Text.decode(file.toString(), Files.readAllBytes(file));
        return file.getFileName().toString().endsWith(".json") ? fromJson(content, file.toString())
                : fromCsv(content, file.toString());
    }

    /**
     * Parses a history in the CSV layout of {@link #toCsv()}.
     *
     * @param content the CSV text
     * @param source  the file or resource name used in error messages
     * @return the history
     * @throws IOException if the header is missing or a line is malformed (the message names source and line)
     */
    public static TrainingHistory fromCsv(String content, String source) throws IOException {
        String[] lines = content.split("\\R");
        if (lines.length == 0 || !lines[0].strip().equals(CSV_HEADER)) {
            throw new IOException(source + ": line 1 is not the history header '" + CSV_HEADER + "'");
        }
        List<EpochRecord> epochs = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] f = lines[i].split(",");
            try {
                if (f.length != 6) {
                    throw new NumberFormatException(f.length + " fields instead of 6");
                }
                epochs.add(new EpochRecord(Integer.parseInt(f[0].strip()), Double.parseDouble(f[1]),
                        Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                        Double.parseDouble(f[5])));
            } catch (NumberFormatException e) {
                throw new IOException(source + ": line " + (i + 1) + " '" + lines[i] + "' is malformed: "
                        + e.getMessage(), e);
            }
        }
        return new TrainingHistory(epochs);
    }

    /**
     * Parses a history in the JSON layout of {@link #toJson()}.
     *
     * @param content the JSON text
     * @param source  the file or resource name used in error messages
     * @return the history
     * @throws IOException if the text is not a training history (the message names the source)
     */
    public static TrainingHistory fromJson(String content, String source) throws IOException {
        try {
            return new TrainingHistory(JSON.readValue(content, new TypeReference<List<EpochRecord>>() { }));
        } catch (IOException e) {
            throw new IOException(source + ": not a training history JSON file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Formats the history as CSV with a header line; numbers use full precision so that loading is lossless.
     *
     * @return the CSV text
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (EpochRecord e : epochs) {
            out.append(e.epoch()).append(',').append(e.trainLoss()).append(',').append(e.trainAccuracy())
                    .append(',').append(e.validationLoss()).append(',').append(e.validationAccuracy()).append(',')
                    .append(e.seconds()).append('\n');
        }
        return out.toString();
    }

    /**
     * Formats the history as a JSON array of epochs.
     *
     * @return the JSON text
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(epochs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Formats the history as a table for people.
     *
     * @return one line per epoch
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%5s %10s %9s %10s %9s %8s%n",
                "epoch", "trainLoss", "trainAcc", "valLoss", "valAcc", "seconds"));
        for (EpochRecord e : epochs) {
            out.append(String.format(Locale.ROOT, "%5d %10.4f %9.4f %10.4f %9.4f %8.1f%n", e.epoch(),
                    e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds()));
        }
        return out.toString();
    }
}
