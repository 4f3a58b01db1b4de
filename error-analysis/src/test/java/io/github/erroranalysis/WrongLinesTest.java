package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.testing.Schemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link AnalysisJson#writeWrongLines}: one record a line for every wrong prediction, by example index, in the one
 * shape {@link AnalysisJson#writeExample} writes and the {@code wrong.jsonl} line schema describes, the same
 * whether the records are encoded in one chunk or in several chunks on two cores.
 */
class WrongLinesTest {

    /** An analysis of {@code n} examples of four classes, random probabilities (about 3/4 wrong), origins on some. */
    private static ErrorAnalysis random(int n, long seed) {
        Random r = new Random(seed);
        float[][] p = new float[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int c = 0; c < 4; c++) {
                p[i][c] = r.nextFloat() + 1e-3f;
                sum += p[i][c];
            }
            for (int c = 0; c < 4; c++) {
                p[i][c] /= sum;
            }
            y[i] = r.nextInt(4);
        }
        return ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), y, List.of("cat", "dog \"the\" good", "frog",
                "ünïcode"));
    }

    private static String record(ErrorAnalysis a, int example) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonCodec.factory().createGenerator(out)) {
            AnalysisJson.writeExample(g, a, example);
        }
        return out.toString();
    }

    @Test
    void should_write_every_wrong_prediction_in_order_one_record_a_line_across_several_chunks() throws IOException {
        ErrorAnalysis a = random(3 * AnalysisJson.LINES_CHUNK + 1234, 7); // several chunks, the last one partial
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(AnalysisJson.writeWrongLines(out, a)).isEqualTo(a.wrong().size());
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("}\n").doesNotContain("\n\n").doesNotStartWith(" ");
        String[] lines = text.split("\n", -1);
        int[] wrong = a.wrong().indexes();
        assertThat(wrong.length).isGreaterThan(2 * AnalysisJson.LINES_CHUNK);
        assertThat(lines).hasSize(wrong.length + 1); // the text ends in a line break
        List<TriagedMistake> mistakes = a.triage().mistakes();
        java.util.Set<Integer> labelIssues = new java.util.HashSet<>();
        for (int k = 0; k < wrong.length; k++) {
            // the same bytes as the one record writer's for the k-th wrong example, and its triage kind
            String record = record(a, wrong[k]);
            String kind = StatsJson.kindWord(mistakes.get(k).kind());
            assertThat(lines[k]).as("line %d", k)
                    .isEqualTo(record.substring(0, record.length() - 1) + ",\"kind\":\"" + kind + "\"}");
            if (lines[k].endsWith("\"kind\":\"likelyLabelIssue\"}")) {
                labelIssues.add(wrong[k]);
            }
        }
        // every label issue can be listed from the lines, beyond what report.json lists
        assertThat(labelIssues).isNotEmpty()
                .isEqualTo(new java.util.HashSet<>(a.labelIssues().stream().map(TriagedMistake::index).toList()));
        for (int k : new int[] {0, wrong.length / 2, wrong.length - 1}) {
            JsonNode line = Schemas.tree(lines[k]);
            WrongPrediction w = a.wrong().get(k);
            assertThat(Schemas.problems(JsonCodec.WRONG_LINE_SCHEMA, line)).isEmpty();
            assertThat(line.get("index").asInt()).isEqualTo(w.index());
            assertThat(line.get("trueClass").asText()).isEqualTo(w.trueClassName());
            assertThat(line.get("predictedClassIndex").asInt()).isEqualTo(w.predictedClass());
            assertThat(line.get("confidence").asDouble()).isEqualTo(w.confidence());
            assertThat(line.get("trueClassProbability").asDouble()).isEqualTo(w.trueClassProbability());
            assertThat(line.get("margin").asDouble()).isEqualTo(w.margin());
            assertThat(line.get("top").get(2).get("name").asText()).isEqualTo(w.top().get(2).className());
        }
    }

    @Test
    void should_write_nothing_when_every_prediction_is_right() throws IOException {
        ErrorAnalysis a = ErrorAnalysis.fromPredictions(Nd4j.createFromArray(new float[][] {{0.9f, 0.1f},
            {0.2f, 0.8f}}), new int[] {0, 1}, List.of("a", "b"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(AnalysisJson.writeWrongLines(out, a)).isZero();
        assertThat(out.size()).isZero();
    }
}
