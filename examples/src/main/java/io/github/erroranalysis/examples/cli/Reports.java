package io.github.erroranalysis.examples.cli;

import io.github.erroranalysis.AnalysisStatistics;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.gate.GateResult;
import io.github.erroranalysis.Fingerprints;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.TrainingHistory;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.Evidence;
import io.github.erroranalysis.report.ImageSource;
import io.github.erroranalysis.report.ReportSection;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.report.TrainingEpoch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds and writes the error report of {@code analyze} with the report package, from what the CLI knows. */
public final class Reports {

    /** The seed of the report's random choices. */
    public static final long SEED = 42;

    private Reports() {
    }

    /**
     * Builds the report: images by example index from the test data (placeholders without it), provenance with
     * fingerprints, and the bundled model's training history when the model is a bundled one.
     *
     * @param analysis the analysis
     * @param modelName the model as typed ({@code baseline}, {@code augmented}, a file) or the predictions file
     * @param modelFile the model file to fingerprint, or null
     * @param data the test images, or null for precomputed predictions
     * @param dataSource where the test data came from
     * @param statistics the statistics the gates were judged on, which the report shows
     * @param gates the judged gates (empty for none), shown in the report and listed in report.json
     * @return the report, with every figure drawn
     * @throws IOException if a file cannot be fingerprinted or the bundled history not read
     */
    public static ErrorReport build(ErrorAnalysis analysis, String modelName, Path modelFile, TestData data,
            String dataSource, AnalysisStatistics statistics, List<GateResult> gates) throws IOException {
        return build(analysis, modelName, modelFile, data, dataSource, statistics, gates, null);
    }

    /**
     * Builds the report as {@link #build(ErrorAnalysis, String, Path, TestData, String, AnalysisStatistics, List)},
     * with evidence: saliency maps and nearest training examples of the explained mistakes.
     *
     * @param analysis the analysis
     * @param modelName the model as typed or the predictions file
     * @param modelFile the model file to fingerprint, or null
     * @param data the test images, or null for precomputed predictions
     * @param dataSource where the test data came from
     * @param statistics the statistics the gates were judged on
     * @param gates the judged gates
     * @param evidence the model and inputs that explain the mistakes, or null for none (precomputed predictions)
     * @return the report, with every figure drawn
     * @throws IOException if a file cannot be fingerprinted or the bundled history not read
     */
    public static ErrorReport build(ErrorAnalysis analysis, String modelName, Path modelFile, TestData data,
            String dataSource, AnalysisStatistics statistics, List<GateResult> gates, Evidence evidence)
            throws IOException {
        return build(analysis, modelName, modelFile, data, dataSource, statistics, gates, evidence, null);
    }

    /**
     * Builds the report as {@link #build(ErrorAnalysis, String, Path, TestData, String, AnalysisStatistics, List,
     * Evidence)}, with a temperature's block in the Calibration section and {@code report.json}'s
     * {@code temperatureScaling}.
     *
     * @param analysis the analysis (the scaled one when the temperature was applied)
     * @param modelName the model as typed or the predictions file
     * @param modelFile the model file to fingerprint, or null
     * @param data the test images, or null for precomputed predictions
     * @param dataSource where the test data came from
     * @param statistics the statistics the gates were judged on
     * @param gates the judged gates
     * @param evidence the model and inputs that explain the mistakes, or null for none
     * @param temperature what a temperature did (applied) or would do to the analysis, or null for none
     * @return the report, with every figure drawn
     * @throws IOException if a file cannot be fingerprinted or the bundled history not read
     */
    public static ErrorReport build(ErrorAnalysis analysis, String modelName, Path modelFile, TestData data,
            String dataSource, AnalysisStatistics statistics, List<GateResult> gates, Evidence evidence,
            ErrorReport.Temperature temperature) throws IOException {
        return build(analysis, modelName, modelFile, data, dataSource, statistics, gates, evidence, temperature,
                null);
    }

    /**
     * Builds the report as {@link #build(ErrorAnalysis, String, Path, TestData, String, AnalysisStatistics, List,
     * Evidence, ErrorReport.Temperature)}, the provenance naming the model in other words than its title: an
     * imported model's provenance line (what was imported, and whether it was verified against the original
     * framework).
     *
     * @param analysis the analysis (the scaled one when the temperature was applied)
     * @param modelName the model as typed or the predictions file, for the title
     * @param modelFile the model file to fingerprint, or null
     * @param data the test images, or null for precomputed predictions
     * @param dataSource where the test data came from
     * @param statistics the statistics the gates were judged on
     * @param gates the judged gates
     * @param evidence the model and inputs that explain the mistakes, or null for none
     * @param temperature what a temperature did (applied) or would do to the analysis, or null for none
     * @param provenanceName the model as the provenance names it, or null for {@code modelName}
     * @return the report, with every figure drawn
     * @throws IOException if a file cannot be fingerprinted or the bundled history not read
     */
    public static ErrorReport build(ErrorAnalysis analysis, String modelName, Path modelFile, TestData data,
            String dataSource, AnalysisStatistics statistics, List<GateResult> gates, Evidence evidence,
            ErrorReport.Temperature temperature, String provenanceName) throws IOException {
        return build(analysis, modelName, modelFile, data, dataSource, statistics, gates, evidence, temperature,
                provenanceName, List.of());
    }

    /**
     * Builds the report as {@link #build(ErrorAnalysis, String, Path, TestData, String, AnalysisStatistics, List,
     * Evidence, ErrorReport.Temperature, String)}, with extra sections (such as the data audit's
     * {@link io.github.erroranalysis.report.AuditSection}) added through {@link ErrorReport.Builder#section}.
     *
     * @param analysis the analysis (the scaled one when the temperature was applied)
     * @param modelName the model as typed or the predictions file, for the title
     * @param modelFile the model file to fingerprint, or null
     * @param data the test images, or null for precomputed predictions
     * @param dataSource where the test data came from
     * @param statistics the statistics the gates were judged on
     * @param gates the judged gates
     * @param evidence the model and inputs that explain the mistakes, or null for none
     * @param temperature what a temperature did (applied) or would do to the analysis, or null for none
     * @param provenanceName the model as the provenance names it, or null for {@code modelName}
     * @param sections the extra sections, in order
     * @return the report, with every figure drawn
     * @throws IOException if a file cannot be fingerprinted or the bundled history not read
     */
    public static ErrorReport build(ErrorAnalysis analysis, String modelName, Path modelFile, TestData data,
            String dataSource, AnalysisStatistics statistics, List<GateResult> gates, Evidence evidence,
            ErrorReport.Temperature temperature, String provenanceName, List<ReportSection> sections)
            throws IOException {
        Provenance provenance = provenance(analysis, provenanceName == null ? modelName : provenanceName, modelFile,
                dataSource);
        ErrorReport.Builder builder = ErrorReport.builder(analysis.withProvenance(provenance))
                .title("Error analysis of " + modelName);
        if (data != null) {
            builder.images((index, origin) -> image(data, index));
        } else {
            builder.images(ImageSource.none());
        }
        builder.statistics(statistics).gates(gates); // the provenance is the analysis's (withProvenance above)
        if (evidence != null) {
            builder.evidence(evidence);
        }
        if (modelFile == null && BundledModels.names().contains(modelName)) {
            builder.trainingHistory(epochs(BundledModels.history(modelName)));
        }
        if (temperature != null) {
            builder.temperatureScaling(temperature.change(), temperature.applied(), temperature.fittedOn(),
                    temperature.inSample());
        }
        sections.forEach(builder::section);
        return builder.build();
    }

    /**
     * Gives the report's provenance: the analysis's own (data fingerprint, library version, date) with the model as
     * typed and the SHA-256 of the model file loaded ({@code sha256sum FILE}), of the bundled model's resource bytes
     * for {@code baseline}/{@code augmented}, or {@link Provenance#UNKNOWN} when no model was loaded (precomputed
     * predictions: their files' bytes are the data fingerprint), and the report's seed.
     *
     * @param analysis the analysis, whose provenance says the data
     * @param modelName the model as typed, or the predictions file
     * @param modelFile the model file loaded, or null for a bundled model or predictions
     * @param dataSource where the test data came from
     * @return the provenance
     * @throws IOException if the model file cannot be read
     */
    public static Provenance provenance(ErrorAnalysis analysis, String modelName, Path modelFile, String dataSource)
            throws IOException {
        String modelFingerprint = modelFile != null ? Fingerprints.ofFile(modelFile)
                : BundledModels.names().contains(modelName) ? BundledModels.fingerprint(modelName)
                : Provenance.UNKNOWN;
        Provenance own = analysis.provenance();
        return own.withModel(modelName, modelFingerprint).withData(dataSource, own.dataFingerprint()).withSeed(SEED);
    }

    /**
     * Gives the test images as the report module's image source, by example index.
     *
     * @param data the test images
     * @return the source (empty for an index outside the data)
     */
    public static ImageSource images(TestData data) {
        return (index, origin) -> image(data, index);
    }

    private static Optional<BufferedImage> image(TestData data, int index) {
        return index >= 0 && index < data.images().size() ? Optional.of(data.images().image(index))
                : Optional.empty();
    }

    /**
     * Converts a model's training history to the report's epochs.
     *
     * @param history the history
     * @return one report epoch per trained epoch
     */
    public static List<TrainingEpoch> epochs(TrainingHistory history) {
        return history.epochs().stream().map(e -> new TrainingEpoch(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                e.validationLoss(), e.validationAccuracy(), e.seconds())).toList();
    }
}
