package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Properties of the accumulator: merging shards in any order equals one pass; JSON round trips are lossless. */
class AccumulatorPropertiesTest {

    /** Random examples: N×C probabilities (some exact zeros and tiny values), labels and origins. */
    record Examples(float[][] probs, int[] labels, List<String> origins) {

        static Examples random(long seed, int n, int classes) {
            Random random = new Random(seed);
            float[][] p = new float[n][classes];
            int[] y = new int[n];
            List<String> origins = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double sum = 0;
                double[] raw = new double[classes];
                for (int c = 0; c < classes; c++) {
                    int kind = random.nextInt(10);
                    raw[c] = kind == 0 ? 0 : kind == 1 ? 1e-30 : random.nextDouble();
                    sum += raw[c];
                }
                if (sum == 0) {
                    raw[0] = sum = 1;
                }
                for (int c = 0; c < classes; c++) {
                    p[i][c] = (float) (raw[c] / sum);
                }
                y[i] = random.nextInt(classes);
                origins.add("batch/" + i + ".png");
            }
            return new Examples(p, y, origins);
        }

        INDArray probabilities(int from, int to) {
            float[][] rows = new float[to - from][];
            System.arraycopy(probs, from, rows, 0, to - from);
            return Nd4j.createFromArray(rows);
        }

        INDArray oneHot(int from, int to, int classes) {
            float[][] rows = new float[to - from][classes];
            for (int i = from; i < to; i++) {
                rows[i - from][labels[i]] = 1;
            }
            return Nd4j.createFromArray(rows);
        }

        void evalInto(ErrorAnalysisAccumulator acc, int from, int to, int classes, int batch) {
            for (int b = from; b < to; b += batch) {
                int e = Math.min(to, b + batch);
                acc.eval(oneHot(b, e, classes), probabilities(b, e), null,
                        new ArrayList<Serializable>(origins.subList(b, e)));
            }
        }
    }

    @Property(tries = 60)
    void merging_k_shards_in_any_order_equals_one_pass(@ForAll long seed, @ForAll @IntRange(min = 1, max = 80) int n,
            @ForAll @IntRange(min = 2, max = 6) int classes, @ForAll @IntRange(min = 1, max = 6) int shards,
            @ForAll @IntRange(min = 1, max = 17) int batch) {
        Examples ex = Examples.random(seed, n, classes);
        ErrorAnalysisAccumulator onePass = new ErrorAnalysisAccumulator();
        ex.evalInto(onePass, 0, n, classes, batch);
        ErrorAnalysis expected = onePass.snapshot();

        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Integer> cuts = new ArrayList<>(List.of(0, n));
        for (int s = 1; s < shards; s++) {
            cuts.add(random.nextInt(n + 1));
        }
        Collections.sort(cuts);
        List<ErrorAnalysisAccumulator> parts = new ArrayList<>();
        for (int s = 0; s + 1 < cuts.size(); s++) {
            ErrorAnalysisAccumulator part = new ErrorAnalysisAccumulator(List.of(), s);
            ex.evalInto(part, cuts.get(s), cuts.get(s + 1), classes, batch);
            parts.add(part);
        }
        Collections.shuffle(parts, random);
        // merge as a random tree: fold into a random part, or into a fresh instance
        ErrorAnalysisAccumulator target = random.nextBoolean() ? parts.get(0).newInstance() : parts.remove(0);
        for (ErrorAnalysisAccumulator part : parts) {
            target.merge(part);
        }
        ErrorAnalysis merged = target.snapshot();

        assertThat(merged).isEqualTo(expected);
        assertThat(merged.accuracy()).isEqualTo(expected.accuracy());
        assertThat(merged.calibration()).isEqualTo(expected.calibration());
        assertThat(merged.wrong().indexes()).isEqualTo(expected.wrong().indexes());
        assertThat(merged.origin(n - 1)).isEqualTo(expected.origin(n - 1));
        // selective prediction: the same sorted order, AURC, risks, coverages, thresholds and intervals
        assertThat(merged.selectivePrediction()).isEqualTo(expected.selectivePrediction());
        for (int k = 1; k <= n; k++) {
            assertThat(merged.riskCoverage().example(k)).isEqualTo(expected.riskCoverage().example(k));
        }
    }

    @Property(tries = 30)
    void merge_never_aliases_the_other_side(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int n) {
        Examples ex = Examples.random(seed, n, 3);
        ErrorAnalysisAccumulator a = new ErrorAnalysisAccumulator(List.of(), 0);
        ErrorAnalysisAccumulator b = new ErrorAnalysisAccumulator(List.of(), 1);
        ex.evalInto(b, 0, n, 3, 7);
        a.merge(b);
        ErrorAnalysis before = a.snapshot();
        ex.evalInto(b, 0, n, 3, 7);
        b.reset();
        assertThat(a.snapshot()).isEqualTo(before);
        assertThat(a.examples()).isEqualTo(n);
    }

    @Property(tries = 40)
    void json_round_trip_is_lossless(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int n,
            @ForAll @IntRange(min = 2, max = 5) int classes, @ForAll boolean withOrigins) {
        Examples ex = Examples.random(seed, n, classes);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c\"" + c + "\u00e9");
        }
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(names, 3);
        ErrorAnalysisAccumulator other = new ErrorAnalysisAccumulator(names, 1);
        int half = n / 2;
        if (withOrigins) {
            ex.evalInto(acc, 0, half, classes, 5);
        } else if (half > 0) {
            acc.eval(ex.oneHot(0, half, classes), ex.probabilities(0, half));
        }
        ex.evalInto(other, half, n, classes, 5);
        acc.merge(other);

        ErrorAnalysisAccumulator read = ErrorAnalysisAccumulator.fromJson(acc.toJson());
        assertThat(read).isEqualTo(acc);
        assertThat(read.toJson()).isEqualTo(acc.toJson());
        ErrorAnalysis analysis = acc.snapshot();
        assertThat(read.snapshot()).isEqualTo(analysis);
        ErrorAnalysis again = ErrorAnalysis.fromJson(analysis.toJson());
        assertThat(again).isEqualTo(analysis);
        assertThat(again.toJson()).isEqualTo(analysis.toJson());
    }
}
