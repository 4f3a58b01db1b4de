package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.AuditJson;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.examples.BundledSample;
import io.github.erroranalysis.report.AuditReport;
import io.github.erroranalysis.report.AuditSection;
import io.github.erroranalysis.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit} on the bundled sample without training data (the slice half; the near-duplicate half against the
 * shared training archive is {@link AuditTrainingDataCliTest}), its bad input, its output folder, and the analyze
 * report's Data audit section.
 */
class AuditCommandTest {

    @TempDir
    Path dir;

    @Test
    void theBundledSampleWithoutTrainingDataGetsTheSlicesAndIsToldTheDuplicateHalfNeedsTrainData() throws Exception {
        Cli.Result r = Cli.run(dir, "audit", "--seed", "7", "--fdr", "0.1", "--min-support", "30", "--clusters", "8",
                "--out", "a", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Audited 1,000 images of " + BundledSample.NAME + " with model baseline\n")
                .contains("near-duplicates: not searched; the near-duplicate half of the audit needs --train-data "
                        + "PATH (the training data)\n")
                .containsPattern("slices: [\\d,]+ tried, \\d+ found at FDR 0\\.1 \\(at least 30 images each\\)")
                .contains("audit written to " + dir.resolve("a").toRealPath().resolve(AuditReport.JSON_FILE));

        JsonNode json = new ObjectMapper().readTree(dir.resolve("a").resolve(AuditReport.JSON_FILE).toFile());
        assertThat(Schemas.problems(AuditJson.SCHEMA, json)).isEmpty();
        assertThat(json.get("type").asText()).isEqualTo("audit");
        assertThat(json.get("seed").asLong()).isEqualTo(7L);
        assertThat(json.get("testSource").asText()).isEqualTo(BundledSample.NAME);
        assertThat(json.path("duplicates").isMissingNode() || json.get("duplicates").isNull()).as(json.toString())
                .isTrue();
        JsonNode search = json.get("sliceSearch");
        assertThat(search.get("fdr").asDouble()).isEqualTo(0.1);
        assertThat(search.get("minSupport").asInt()).isEqualTo(30);
        assertThat(search.get("tried").asInt()).isPositive();
        JsonNode slices = json.get("slices");
        assertThat(search.get("found").asInt()).isEqualTo(slices.size());
        List<String> shown = r.out().lines().filter(l -> l.matches("  \\d\\. .*")).toList();
        assertThat(shown).hasSize(Math.min(AuditCommand.SHOWN, slices.size()));
        double previous = 0;
        for (int i = 0; i < slices.size(); i++) {
            JsonNode s = slices.get(i);
            for (String key : List.of("description", "support", "accuracy", "accuracyInterval", "pValue",
                    "qValue")) {
                assertThat(s.has(key)).as("slice %d has %s: %s", i, key, s).isTrue();
            }
            assertThat(s.get("support").asInt()).isGreaterThanOrEqualTo(30);
            assertThat(s.get("qValue").asDouble()).isLessThanOrEqualTo(0.1).isGreaterThanOrEqualTo(
                    s.get("pValue").asDouble());
            assertThat(s.get("pValue").asDouble()).isGreaterThanOrEqualTo(previous);
            previous = s.get("pValue").asDouble();
            if (i < shown.size()) {
                assertThat(shown.get(i)).startsWith("  " + (i + 1) + ". " + s.get("description").asText());
            }
        }
        // written again over its own folder, with other settings
        Cli.Result again = Cli.run(dir, "audit", "--fdr", "0.01", "--out", "a", "--quiet");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.PASSED);
        JsonNode second = new ObjectMapper().readTree(dir.resolve("a").resolve(AuditReport.JSON_FILE).toFile());
        assertThat(second.get("seed").asLong()).isEqualTo(42L);
        assertThat(second.at("/sliceSearch/fdr").asDouble()).isEqualTo(0.01);
    }

    @Test
    void everyBadInputExitsTwoInOneLineNamingTheOptionAndValue() throws Exception {
        bad("--fdr 0: give a false discovery rate above 0 and below 1", "--fdr", "0");
        bad("--fdr 1.5: give a false discovery rate above 0 and below 1", "--fdr", "1.5");
        bad("'--fdr': 'often' is not a double", "--fdr", "often");
        bad("--min-support 0: give the fewest images of a slice, at least 1", "--min-support", "0");
        bad("'--min-support': 'x' is not an int", "--min-support", "x");
        bad("--clusters 1: give a number of embedding clusters of at least 2", "--clusters", "1");
        bad("--threshold -0.1: give a distance, a finite number of at least 0", "--threshold", "-0.1",
                "--train-data", "t.tar.gz");
        bad("--threshold NaN: give a distance", "--threshold", "NaN", "--train-data", "t.tar.gz");
        bad("--threshold 0.2 applies only with --train-data PATH", "--threshold", "0.2");
        bad("--train-split train applies only with --train-data PATH", "--train-split", "train");
        bad("'--seed': 'abc' is not a long", "--seed", "abc");
        bad("--data nowhere: no such file or folder " + dir.resolve("nowhere"), "--data", "nowhere");
        bad("--train-data nowhere.tar.gz: no such file or folder " + dir.resolve("nowhere.tar.gz"), "--train-data",
                "nowhere.tar.gz");
        bad("--split validation needs --data", "--split", "validation");
        Files.writeString(dir.resolve("empty.tar.gz"), "");
        bad("--train-data empty.tar.gz: empty file (0 bytes)", "--train-data", "empty.tar.gz");
        // an image folder is no release: no split of it, no training pile of the standard split
        Path images = Files.createDirectories(dir.resolve("images/cat"));
        ImageIO.write(BundledSample.load().image(3), "png", images.resolve("a.png").toFile());
        bad("--split validation applies to a CIFAR-10 binary release, but --data images is an image folder",
                "--data", "images", "--split", "validation");
        bad("--train-split train applies to a CIFAR-10 binary release (its standard 45,000/5,000 split), but "
                + "--train-data images is an image folder", "--train-data", "images", "--train-split", "train");
        bad("--train-split most: give all", "--train-data", "images", "--train-split", "most");
        // training data of other classes than the model's (and the test data's)
        CifarDataset sample = BundledSample.load();
        List<byte[]> pixels = new ArrayList<>();
        int[] labels = new int[20];
        for (int i = 0; i < 20; i++) {
            pixels.add(sample.pixels(i));
            labels[i] = i % 2;
        }
        CifarWriter.writeArchive(CifarWriter.officialBatches(CifarDataset.of(pixels, labels,
                sample.origins().subList(0, 20), List.of("apple", "pear"))), dir.resolve("fruit.tar.gz"));
        bad("--train-data fruit.tar.gz: its classes [apple, pear] are not the model's [airplane, automobile",
                "--train-data", "fruit.tar.gz");
        assertThat(dir.resolve(AuditCommand.DEFAULT_OUT)).doesNotExist();
    }

    @Test
    void outRefusesAUsersFolderAndKeepsItIntact() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "my notes");
        Cli.Result r = Cli.run(dir, "audit", "--out", "mine", "--quiet");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().asString().startsWith("cifar-errors audit: --out mine: ")
                .contains("is not a " + AuditReport.FOLDER_KIND + " written by cifar-errors", "notes.txt");
        try (var files = Files.list(mine)) {
            assertThat(files).containsExactly(mine.resolve("notes.txt"));
        }
        assertThat(mine.resolve("notes.txt")).hasContent("my notes");
        // nor an analyze report: a folder of another kind
        Cli.Result report = Cli.run(dir, "audit", "--out", dir.toString(), "--quiet");
        assertThat(report.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(report.errLines()).hasSize(1);
    }

    @Test
    void analyzeOnImagesPutsTheSlicesInTheReportAndAPredictionsRunHasNone() throws Exception {
        Cli.Result r = Cli.run(dir, "analyze", "--saliency", "none", "--fdr", "0.2", "--out", "report", "--quiet");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(r.out()).containsPattern("slices: [\\d,]+ tried, \\d+ found at FDR 0\\.2");
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report/report.json").toFile());
        JsonNode audit = report.at("/sections/" + AuditSection.ID);
        assertThat(audit.isObject()).as(report.get("sections") + "").isTrue();
        assertThat(audit.at("/sliceSearch/fdr").asDouble()).isEqualTo(0.2);
        assertThat(audit.at("/sliceSearch/minSupport").asInt()).isEqualTo(25);
        assertThat(audit.get("slices").isArray()).isTrue();
        assertThat(audit.path("duplicates").isMissingNode() || audit.get("duplicates").isNull()).isTrue();
        assertThat(dir.resolve("report/report.html")).content().contains("Data audit");

        Cli.writePredictions(dir, "p.csv", "labels.csv", "classes.txt");
        Cli.Result predictions = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv",
                "--classes", "classes.txt", "--out", "predicted", "--quiet");
        assertThat(predictions.exitCode()).as(predictions.err()).isEqualTo(ExitCodes.PASSED);
        JsonNode none = new ObjectMapper().readTree(dir.resolve("predicted/report.json").toFile());
        assertThat(none.at("/sections/" + AuditSection.ID).isMissingNode()).isTrue();
        Cli.Result fdr = Cli.run(dir, "analyze", "--predictions", "p.csv", "--labels", "labels.csv",
                "--classes", "classes.txt", "--fdr", "0.1", "--out", "predicted", "--quiet");
        assertThat(fdr.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fdr.errLines()).containsExactly("cifar-errors analyze: --fdr 0.1 and --predictions p.csv: the "
                + "data audit's slices need a model to run (--model) on images, not precomputed predictions");
        Cli.Result support = Cli.run(dir, "analyze", "--min-support", "0", "--out", "x");
        assertThat(support.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(support.errLines()).containsExactly("cifar-errors analyze: --min-support 0: give the fewest "
                + "images of a slice, at least 1");
    }

    /** Runs {@code audit} with the arguments and checks it exits 2 with one line holding {@code message}. */
    private void bad(String message, String... args) {
        List<String> all = new ArrayList<>(List.of("audit"));
        all.addAll(List.of(args));
        all.addAll(List.of("--quiet"));
        Cli.Result r = Cli.run(dir, all.toArray(String[]::new));
        assertThat(r.exitCode()).as(String.join(" ", all) + ": " + r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).as(String.join(" ", all)).singleElement().asString()
                .startsWith("cifar-errors audit: ").contains(message);
    }
}
