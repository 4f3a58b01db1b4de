package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Provenance;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.examples.BundledSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's provenance names the real SHA-256 of the model it loaded and of the data, never a word; analyze and
 * predict draw their progress bar on standard error, and nothing with --quiet.
 */
class ProvenanceAndProgressTest {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private static CifarModel baseline;
    private static TestData sample;

    @BeforeAll
    static void load() throws IOException {
        baseline = BundledModels.baseline();
        sample = new TestData(Piles.sample(BundledSample.load(), 30, 1), BundledSample.NAME);
    }

    private static String sha256sum(Path file) throws Exception {
        Process process = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor()).as(printed).isZero();
        return "sha256:" + printed.substring(0, 64);
    }

    private static Console console(Path dir, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return new Console(dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), true);
    }

    @Test
    void a_bundled_model_is_fingerprinted_by_the_sha256_of_its_resource_bytes(@TempDir Path dir) throws Exception {
        ErrorAnalysis analysis = Inputs.analyse(baseline, sample, true, console(dir, new ByteArrayOutputStream(),
                new ByteArrayOutputStream()));

        Provenance p = Reports.provenance(analysis, BundledModels.BASELINE, null, sample.source());

        Path resource = Path.of("../cifar-model/src/main/resources/io/github/erroranalysis/cifar/model/baseline.cifarmodel");
        assertThat(p.modelFingerprint()).matches(SHA256).isEqualTo(sha256sum(resource))
                .isEqualTo(BundledModels.fingerprint(BundledModels.BASELINE));
        assertThat(p.model()).isEqualTo(BundledModels.BASELINE);
        assertThat(p.dataFingerprint()).isEqualTo("sha256:" + sample.images().fingerprint());
        assertThat(p.dataSource()).isEqualTo(sample.source());
        assertThat(p.libraryVersion()).isEqualTo(Provenance.currentLibraryVersion()).isNotEqualTo(Provenance.UNKNOWN);
        assertThat(p.seed()).isEqualTo(Reports.SEED);
    }

    @Test
    void analyze_writes_the_real_fingerprints_into_report_json(@TempDir Path dir) throws Exception {
        Cli.Result result = Cli.run(dir, "analyze", "--model", "baseline", "--out", "report");
        assertThat(result.exitCode()).as(result.err()).isZero();

        JsonNode provenance = new ObjectMapper().readTree(dir.resolve("report/report.json").toFile()).get("provenance");

        assertThat(provenance.get("modelFingerprint").asText()).isEqualTo(BundledModels.fingerprint("baseline"));
        assertThat(provenance.get("dataFingerprint").asText()).isEqualTo("sha256:" + BundledSample.load().fingerprint());
        assertThat(provenance.get("libraryVersion").asText()).isEqualTo(Provenance.currentLibraryVersion());
        // the HTML and Markdown provenance tables show the same real SHA-256, never "bundled model baseline"
        for (String file : new String[] {"report/report.md", "report/report.html"}) {
            assertThat(dir.resolve(file)).content().contains(BundledModels.fingerprint("baseline"))
                    .doesNotContain("bundled model baseline");
        }
    }

    @Test
    void compare_writes_the_real_fingerprints_of_both_models_everywhere(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(BundledModels.isAvailable(BundledModels.AUGMENTED),
                "skipped: the bundled augmented model is not in this build");
        Cli.Result result = Cli.run(dir, "compare", "--model", "baseline", "--model-b", "augmented", "--quiet",
                "--out", "cmp");
        assertThat(result.exitCode()).as(result.err()).isZero();

        JsonNode json = new ObjectMapper().readTree(dir.resolve("cmp/comparison.json").toFile());
        String a = BundledModels.fingerprint(BundledModels.BASELINE);
        String b = BundledModels.fingerprint(BundledModels.AUGMENTED);
        assertThat(json.get("baselineProvenance").get("modelFingerprint").asText()).isEqualTo(a);
        assertThat(json.get("baselineProvenance").get("model").asText()).isEqualTo(BundledModels.BASELINE);
        assertThat(json.get("candidateProvenance").get("modelFingerprint").asText()).isEqualTo(b);
        assertThat(json.get("candidateProvenance").get("dataFingerprint").asText())
                .isEqualTo("sha256:" + BundledSample.load().fingerprint());
        for (String file : new String[] {"cmp/comparison.md", "cmp/comparison.html"}) {
            assertThat(dir.resolve(file)).content().contains(a, b);
        }
        // the flipped examples' gallery, with the images of the common test set
        assertThat(dir.resolve("cmp/comparison.html")).content().contains("id=\"flips\"", "data-example=\"");
    }

    @Test
    void a_model_file_is_fingerprinted_as_sha256sum_does(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.cifarmodel");
        baseline.save(file);
        CifarModel loaded = Inputs.model(console(dir, new ByteArrayOutputStream(), new ByteArrayOutputStream()),
                "--model", file.toString());
        ErrorAnalysis analysis = Inputs.analyse(loaded, sample, true, null);

        Provenance p = Reports.provenance(analysis, file.toString(), file, sample.source());

        assertThat(p.modelFingerprint()).isEqualTo(sha256sum(file)).isNotEqualTo(
                BundledModels.fingerprint(BundledModels.BASELINE));
        // the analysis itself fingerprints the network's parameters: the same weights as the bundled baseline
        assertThat(analysis.provenance().modelFingerprint()).matches(SHA256).isEqualTo(
                Inputs.analyse(baseline, sample, true, null).provenance().modelFingerprint());
    }

    @Test
    void precomputed_predictions_are_fingerprinted_by_their_files_bytes(@TempDir Path dir) throws Exception {
        Cli.writePredictions(dir, "p.csv", "y.csv", "classes.txt");
        Console console = console(dir, new ByteArrayOutputStream(), new ByteArrayOutputStream());
        ErrorAnalysis analysis = Inputs.predictions(console, "--predictions", "p.csv", "y.csv", "classes.txt", false);

        Provenance p = Reports.provenance(analysis, "p.csv", null, "y.csv");

        Path both = Files.write(dir.resolve("both"), concat(Files.readAllBytes(dir.resolve("p.csv")),
                Files.readAllBytes(dir.resolve("y.csv"))));
        assertThat(p.dataFingerprint()).isEqualTo(sha256sum(both));
        assertThat(p.modelFingerprint()).isEqualTo(Provenance.UNKNOWN);
    }

    @Test
    void analysing_draws_a_progress_bar_on_standard_error_unless_quiet(@TempDir Path dir) throws IOException {
        TestData many = new TestData(BundledSample.load(), BundledSample.NAME);   // 1,000 images, 8 batches
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Inputs.analyse(baseline, many, false, console(dir, out, err));

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Analysing", "100%", "1000/1000");
        assertThat(out.size()).isZero();
        ByteArrayOutputStream quietErr = new ByteArrayOutputStream();
        Inputs.analyse(baseline, many, true, console(dir, new ByteArrayOutputStream(), quietErr));
        assertThat(quietErr.size()).isZero();
    }

    @Test
    void predict_draws_a_progress_bar_over_many_files_and_prints_its_lines_after_it(@TempDir Path dir)
            throws IOException {
        CifarDataset images = BundledSample.load();
        String[] args = new String[1 + PredictCommand.PROGRESS_FROM_FILES];
        args[0] = "predict";
        for (int i = 0; i < PredictCommand.PROGRESS_FROM_FILES; i++) {
            ImageIO.write(images.image(i), "png", dir.resolve(i + ".png").toFile());
            args[i + 1] = i + ".png";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = CifarErrors.run(console(dir, out, err), args);

        assertThat(code).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Predicting", "100%");
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(PredictCommand.PROGRESS_FROM_FILES)
                .allMatch(line -> line.matches("\\d+\\.png: \\S+ \\d+\\.\\d %, \\S+ \\d+\\.\\d %, \\S+ \\d+\\.\\d %"));
        String[] quiet = new String[args.length + 1];
        quiet[0] = "predict";
        quiet[1] = "--quiet";
        System.arraycopy(args, 1, quiet, 2, args.length - 1);
        ByteArrayOutputStream quietErr = new ByteArrayOutputStream();
        assertThat(CifarErrors.run(console(dir, new ByteArrayOutputStream(), quietErr), quiet)).isZero();
        assertThat(quietErr.size()).isZero();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
