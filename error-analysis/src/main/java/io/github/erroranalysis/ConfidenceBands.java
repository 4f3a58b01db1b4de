package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Wrong predictions counted by confidence band, for the course's "which is more dangerous" experiment:
 * confident-wrong against low-confidence-wrong, with a deterministically picked example of each.
 *
 * @param bands the bands, lowest confidence first
 * @param mostConfidentWrong the wrong prediction with the highest confidence (lowest index on ties), if any
 * @param leastConfidentWrong the wrong prediction with the lowest confidence (lowest index on ties), if any
 */
public record ConfidenceBands(List<ConfidenceBand> bands, Optional<WrongPrediction> mostConfidentWrong,
        Optional<WrongPrediction> leastConfidentWrong) {

    /**
     * Copies the list of bands.
     *
     * @param bands the bands
     * @param mostConfidentWrong the most confident wrong prediction, if any
     * @param leastConfidentWrong the least confident wrong prediction, if any
     */
    public ConfidenceBands {
        bands = List.copyOf(bands);
        Objects.requireNonNull(mostConfidentWrong, "mostConfidentWrong");
        Objects.requireNonNull(leastConfidentWrong, "leastConfidentWrong");
    }

    static ConfidenceBands of(ErrorAnalysis analysis, double[] edges) {
        Objects.requireNonNull(edges, "edges");
        if (edges.length < 2 || edges[0] != 0.0 || edges[edges.length - 1] != 1.0) {
            throw new IllegalArgumentException("band edges must start at 0 and end at 1, but are " + Arrays.toString(edges));
        }
        for (int b = 1; b < edges.length; b++) {
            if (!(edges[b] > edges[b - 1])) {
                throw new IllegalArgumentException("band edges must increase, but are " + Arrays.toString(edges));
            }
        }
        int bandCount = edges.length - 1;
        long[] predictions = new long[bandCount];
        long[] wrong = new long[bandCount];
        int[] example = new int[bandCount];
        Arrays.fill(example, -1);
        AnalysisContext context = analysis.context();
        int n = context.examples();
        for (int i = 0; i < n; i++) {
            predictions[band(edges, context.confidence(i))]++;
        }
        for (int i : context.wrong()) {
            float confidence = context.confidence(i);
            int b = band(edges, confidence);
            wrong[b]++;
            if (example[b] < 0) {
                example[b] = i;
            }
        }
        List<ConfidenceBand> list = new ArrayList<>(bandCount);
        for (int b = 0; b < bandCount; b++) {
            Optional<WrongPrediction> picked = example[b] < 0 ? Optional.empty() : Optional.of(WrongPrediction.of(context, example[b]));
            list.add(new ConfidenceBand(edges[b], edges[b + 1], predictions[b], wrong[b], picked));
        }
        WrongPredictions wrongPredictions = analysis.wrong();
        return new ConfidenceBands(list, wrongPredictions.mostConfident(1).stream().findFirst(),
                wrongPredictions.leastConfident(1).stream().findFirst());
    }

    /** Finds the band of a stored (float) confidence, comparing with the edges as float so 0.7f lies in [0.7, ...). */
    private static int band(double[] edges, float confidence) {
        int b = 0;
        while (b < edges.length - 2 && confidence >= (float) edges[b + 1]) {
            b++;
        }
        return b;
    }

    /**
     * Lists the bands and the two picked examples.
     *
     * @return a multi-line description for people
     */
    @Override
    public String toString() {
        return bands.stream().map(ConfidenceBand::toString).collect(Collectors.joining("\n", "", "\n"))
                + "most confident wrong: " + mostConfidentWrong.map(Object::toString).orElse(Formats.NO_EXAMPLES) + "\n"
                + "least confident wrong: " + leastConfidentWrong.map(Object::toString).orElse(Formats.NO_EXAMPLES);
    }
}
