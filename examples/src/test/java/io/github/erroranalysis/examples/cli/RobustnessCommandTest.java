package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.RobustnessJson;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.corruption.CorruptedData;
import io.github.erroranalysis.corruption.Corruption;
import io.github.erroranalysis.examples.BundledSample;
import io.github.erroranalysis.report.RobustnessReport;
import io.github.erroranalysis.testing.Schemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code robustness} and {@code corrupt} on the bundled models and the bundled sample: a few corruptions to keep it
 * fast (the main job's full run is {@link RobustnessMainJobTest}), gates, bad input, the corrupted release read back.
 */
class RobustnessCommandTest {

    @TempDir
    Path dir;

    @Test
    void twoModelsOnAFewCorruptionsWriteAValidReportAndAFailedGateExitsOne() throws Exception {
        Cli.Result r = Cli.run(dir, "robustness", "--model", "baseline", "--model-b", "augmented", "--corruptions",
                "fog,gaussian_noise,spatter", "--severities", "1,3", "--seed", "5", "--out", "r",
                "--min-corruption-accuracy", "fog=0.99", "--min-mean-corruption-accuracy", "0.1");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(r.errLines()).contains("cifar-errors robustness: 1 of 2 quality gates failed");
        assertThat(r.out()).contains("baseline: clean accuracy", "augmented: clean accuracy",
                "mean corruption accuracy over 2 standard corruptions", "B fixes (interval above 0)",
                "gate FAILED --min-corruption-accuracy fog=0.99", "robustness report written to");
        Path out = dir.resolve("r");
        JsonNode json = new ObjectMapper().readTree(out.resolve(RobustnessReport.JSON_FILE).toFile());
        assertThat(Schemas.problems(RobustnessJson.SCHEMA, json)).isEmpty();
        assertThat(json.get("seed").asLong()).isEqualTo(5L);
        assertThat(json.get("examples").asInt()).isEqualTo(1000);
        assertThat(json.get("model").asText()).isEqualTo("baseline");
        assertThat(json.get("modelB").asText()).isEqualTo("augmented");
        assertThat(json.at("/provenance/corruptionSeed").asLong()).isEqualTo(5L);
        assertThat(json.get("corruptions")).hasSize(3);
        assertThat(json.get("corruptions").get(0).get("name").asText()).isEqualTo("gaussian_noise");
        assertThat(json.at("/comparison/corruptions/0/severities")).hasSize(2);
        assertThat(json.get("gates")).hasSize(2);
        assertThat(out.resolve(RobustnessReport.MARKDOWN_FILE)).content().contains("fog");
        assertThat(out.resolve("figures/heat-map.png")).isNotEmptyFile();
        assertThat(out.resolve("figures/difference-heat-map.png")).isNotEmptyFile();

        Cli.Result again = Cli.run(dir, "robustness", "--corruptions", "brightness", "--severities", "5", "--out",
                "r", "--min-corruption-accuracy", "brightness=0.1", "--model-b", "baseline");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(again.out()).contains("gate passed --min-corruption-accuracy brightness=0.1", "; 1 cell of 1000");
        assertThat(again.errLines()).contains("cifar-errors robustness: warning: "
                + "--model-b baseline is the same model as --model baseline (same file, name or fingerprint); "
                + "B - A will be 0");
    }

    @Test
    void badNamesSeveritiesAndGatesExitTwoInOneLine() {
        Cli.Result name = Cli.run(dir, "robustness", "--corruptions", "fog,smoke", "--out", "r");
        assertThat(name.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(name.errLines()).hasSize(1);
        assertThat(name.err()).contains("--corruptions smoke: unknown corruption; known: gaussian_noise, shot_noise",
                "saturate");
        Cli.Result severity = Cli.run(dir, "robustness", "--severities", "0-3", "--out", "r");
        assertThat(severity.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(severity.errLines()).singleElement().asString().contains("'0' is not a severity from 1 to 5");
        Cli.Result gate = Cli.run(dir, "robustness", "--corruptions", "fog", "--min-corruption-accuracy",
                "frost=0.5", "--out", "r");
        assertThat(gate.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(gate.errLines()).singleElement().asString().contains("frost is not among --corruptions fog");
        Cli.Result twoEquals = Cli.run(dir, "robustness", "--corruptions", "fog", "--min-corruption-accuracy",
                "fog=0.5=1", "--out", "r");
        assertThat(twoEquals.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(twoEquals.errLines()).singleElement().asString().endsWith("--min-corruption-accuracy fog=0.5=1: "
                + "expected NAME=X (one corruption, one '=' and one accuracy), such as fog=0.5");
        Cli.Result corrupt = Cli.run(dir, "corrupt", "--corruption", "smoke", "--severity", "3", "--out", "c");
        assertThat(corrupt.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(corrupt.errLines()).singleElement().asString().contains("--corruption smoke: unknown corruption");
        assertThat(Cli.run(dir, "corrupt", "--corruption", "fog", "--severity", "6", "--out", "c").exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(dir.resolve("r")).doesNotExist();
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void corruptWritesTheOfficialLayoutThatReadsBackWithTheOriginalOrigins() throws Exception {
        Cli.Result r = Cli.run(dir, "corrupt", "--corruption", "gaussian_noise", "--severity", "3", "--seed", "9",
                "--out", "noisy");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PASSED);
        Path release = dir.resolve("noisy").resolve("cifar-10-batches-bin");
        assertThat(release.resolve("batches.meta.txt")).isRegularFile();
        assertThat(release.resolve("batches.origins.txt")).isRegularFile();
        CifarDataset back = Cifar10.open(dir.resolve("noisy")).batch("data_batch_1.bin");
        CifarDataset clean = BundledSample.load();
        CifarDataset expected = CorruptedData.corrupt(clean, Corruption.GAUSSIAN_NOISE, 3, 9);
        assertThat(back.size()).isEqualTo(clean.size());
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.pixels(i)).isEqualTo(expected.pixels(i));
        }
        assertThat(back.labels()).isEqualTo(clean.labels());
        assertThat(back.origins()).isEqualTo(clean.origins());
        assertThat(back.classNames()).isEqualTo(clean.classNames());
        // written again over its own output
        assertThat(Cli.run(dir, "corrupt", "--corruption", "fog", "--severity", "1", "--out", "noisy").exitCode())
                .isEqualTo(ExitCodes.PASSED);
    }

    @Test
    void corruptRefusesAFolderHoldingAUsersFiles() throws Exception {
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("data_batch_1.bin"), "my data");
        Cli.Result r = Cli.run(dir, "corrupt", "--corruption", "fog", "--severity", "3", "--out", "mine");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().asString().contains("--out mine", "is not a corrupted data folder");
        assertThat(mine.resolve("data_batch_1.bin")).hasContent("my data");
        try (var list = Files.list(mine)) {
            assertThat(list.toList()).hasSize(1);
        }
        assertThat(Cli.run(dir, "corrupt", "--corruption", "fog", "--severity", "3", "--out", ".").exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void theBatchesAreCutAtTenThousandRecordsOrNamedTestBatch() throws Exception {
        CifarDataset one = BundledSample.load();
        int[] all = new int[25_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = i % one.size();
        }
        CifarDataset big = one.subset(all);
        assertThat(CorruptCommand.batches(big, false)).containsOnlyKeys("data_batch_1.bin", "data_batch_2.bin",
                "data_batch_3.bin");
        assertThat(CorruptCommand.batches(big, false).get("data_batch_3.bin").size()).isEqualTo(5_000);
        assertThat(CorruptCommand.batches(one, true)).containsOnlyKeys("test_batch.bin");
        assertThat(List.copyOf(CorruptCommand.batches(big, false).keySet())).startsWith("data_batch_1.bin");
    }
}
