package io.github.erroranalysis;

import io.github.erroranalysis.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A temperature fitted on held-out data, with what a user needs to trust it: T and its fit (examples, classes, NLL
 * before and after, whether it ran into a bound), where the fit data came from (its provenance: model, data source
 * and fingerprints) and the {@link CalibrationChange} on the fit data. Saved as a temperature file
 * ({@code {"schemaVersion": 2, "type": "temperature", "temperature": T, ...}}, schema
 * {@link TemperatureJson#SCHEMA}) that {@code cifar-errors analyze --temperature-file} applies.
 *
 * @param change the ECE, log loss and Brier score of the fit data before and after, with the fitted scaling
 * @param provenance where the fit data came from
 */
public record TemperatureFit(CalibrationChange change, Provenance provenance) {

    /** The largest temperature file the reader reads (a written one has a few kilobytes). */
    public static final long MAX_BYTES = 1 << 20;

    /**
     * Checks the components.
     *
     * @param change the calibration change on the fit data
     * @param provenance the fit data's provenance
     */
    public TemperatureFit {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * Fits a temperature on held-out data ({@link TemperatureScaling#fit}) and scores the change it makes there.
     *
     * @param heldOut the analysis of data the report will not score, such as the validation pile
     * @return the fit
     * @throws IllegalArgumentException when fewer than two classes are present, or T would change a prediction
     */
    public static TemperatureFit fit(ErrorAnalysis heldOut) {
        TemperatureScaling scaling = TemperatureScaling.fit(heldOut);
        return new TemperatureFit(CalibrationChange.of(heldOut, scaling.apply(heldOut), scaling),
                heldOut.provenance());
    }

    /**
     * Fits a temperature on the logits an analysis was made from ({@link TemperatureScaling#fitLogits}) and scores
     * it there, applied to the logits ({@link TemperatureScaling#applyLogits}).
     *
     * @param logits the N×C logits of the analysis
     * @param heldOut the analysis of those logits
     * @return the fit
     * @throws IllegalArgumentException as {@link TemperatureScaling#fitLogits}, or when T would change a prediction
     */
    public static TemperatureFit fit(NumberArray logits, ErrorAnalysis heldOut) {
        TemperatureScaling scaling = TemperatureScaling.fitLogits(logits, heldOut);
        return new TemperatureFit(CalibrationChange.of(heldOut, scaling.applyLogits(logits, heldOut), scaling),
                heldOut.provenance());
    }

    /**
     * Gives the fitted scaling.
     *
     * @return T with its fit's examples, classes and NLL
     */
    public TemperatureScaling scaling() {
        return change.scaling();
    }

    /**
     * Gives T.
     *
     * @return the fitted temperature
     */
    public double temperature() {
        return change.scaling().temperature();
    }

    /**
     * Writes the temperature file's JSON.
     *
     * @return the document, pretty, ending with a line break
     */
    public String toJson() {
        return TemperatureJson.write(this);
    }

    /**
     * Reads a temperature file's JSON strictly.
     *
     * @param json the text
     * @param name the file's name, for messages
     * @return the fit
     * @throws TemperatureFileException naming the file and the offending key and value, in one line
     */
    public static TemperatureFit fromJson(String json, String name) {
        return TemperatureJson.read(Objects.requireNonNull(json, "json"), Objects.requireNonNull(name, "name"));
    }

    /**
     * Writes the temperature file atomically: a complete file or none (never over a folder).
     *
     * @param file the file to create or replace
     * @throws IOException if it cannot be written (the message names it); an existing file is then kept
     */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a temperature file strictly.
     *
     * @param file the file
     * @return the fit
     * @throws IOException if the file cannot be read
     * @throws TemperatureFileException naming the file and the offending key and value, in one line
     */
    public static TemperatureFit read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new TemperatureFileException(file + ": not a temperature file: " + Files.size(file) + " bytes, "
                    + "more than the " + MAX_BYTES + " a temperature file may have", null);
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new TemperatureFileException(file + ": not a temperature file: not UTF-8 text", e);
        }
        return fromJson(text, file.toString());
    }

    /**
     * Says it in one line.
     *
     * @return for example {@code "T = 1.5213 (fitted on 4,000 examples: NLL 0.8812 -> 0.7903) on ..."}
     */
    @Override
    public String toString() {
        return scaling() + " on " + provenance.dataSource();
    }
}
