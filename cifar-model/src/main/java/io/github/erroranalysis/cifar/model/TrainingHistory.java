package io.github.erroranalysis.cifar.model;

import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.Utf8Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import io.github.erroranalysis.json.JsonCodec;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The per-epoch record of a training run (train loss and accuracy, validation loss and accuracy, seconds), which
 * saves to CSV or JSON ({@code schemaVersion} {@value JsonCodec#SCHEMA_VERSION}, schema {@value #SCHEMA}) and loads
 * back.
 *
 * @param epochs the epochs in order
 */
public record TrainingHistory(List<EpochRecord> epochs) {

    private static final String CSV_HEADER = "epoch,trainLoss,trainAccuracy,validationLoss,validationAccuracy,seconds";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The class-path resource of the JSON Schema of a history saved as JSON. */
    public static final String SCHEMA = "/io/github/erroranalysis/cifar/model/training-history.schema.json";

    /** The {@code type} of a history's JSON document. */
    static final String JSON_TYPE = "trainingHistory";

    /** The fields of an epoch, in the order written. */
    private static final List<String> EPOCH_FIELDS = List.of("trainLoss", "trainAccuracy", "validationLoss",
            "validationAccuracy", "seconds");

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
     * Parses a history in the JSON layout of {@link #toJson()} ({@code schemaVersion} {@value JsonCodec#SCHEMA_VERSION}:
     * an object whose {@code epochs} hold {@code null} for an undefined value), or in that of version 1 (a bare array of
     * epochs).
     *
     * @param content the JSON text
     * @param source  the file or resource name used in error messages
     * @return the history
     * @throws IOException if the text is not a training history (the message names the source)
     */
    public static TrainingHistory fromJson(String content, String source) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(content);
            if (root != null && root.isArray()) {
                return new TrainingHistory(JSON.readValue(content, new TypeReference<List<EpochRecord>>() { }));
            }
        } catch (IOException e) {
            throw new IOException(source + ": not a training history JSON file (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !root.path("epochs").isArray()) {
            throw new IOException(source + ": not a training history JSON file (neither an array of epochs nor an "
                    + "object with epochs)");
        }
        JsonNode version = root.get("schemaVersion");
        try {
            JsonCodec.checkVersion(version != null && version.isInt() ? version.intValue() : null, false,
                    "training history");
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
        List<EpochRecord> epochs = new ArrayList<>();
        for (JsonNode e : root.get("epochs")) {
            int index = epochs.size();
            if (!e.isObject() || !e.path("epoch").isInt()) {
                throw new IOException(source + ": epochs[" + index + "] is not an epoch object with an integer epoch");
            }
            double[] v = new double[EPOCH_FIELDS.size()];
            for (int f = 0; f < v.length; f++) {
                JsonNode n = e.get(EPOCH_FIELDS.get(f));
                if (n != null && !n.isNull() && !n.isNumber()) {
                    throw new IOException(source + ": epochs[" + index + "]." + EPOCH_FIELDS.get(f) + " is " + n
                            + ", not a number or null");
                }
                v[f] = n == null || n.isNull() ? Double.NaN : n.doubleValue();
            }
            epochs.add(new EpochRecord(e.get("epoch").intValue(), v[0], v[1], v[2], v[3], v[4]));
        }
        return new TrainingHistory(epochs);
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
     * Formats the history as JSON: {@code {"schemaVersion": 2, "type": "trainingHistory", "epochs": [...]}}, each
     * epoch its {@code epoch}, {@code trainLoss}, {@code trainAccuracy}, {@code validationLoss},
     * {@code validationAccuracy} and {@code seconds} ({@code null} for an undefined value), indented.
     *
     * @return the JSON text
     */
    public String toJson() {
        return JsonCodec.document(JSON_TYPE, true, g -> {
            g.writeArrayFieldStart("epochs");
            for (EpochRecord e : epochs) { // the one epoch writer, also report.json's trainingHistory
                JsonCodec.trainingEpoch(g, e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                        e.validationAccuracy(), e.seconds());
            }
            g.writeEndArray();
        });
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
