package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TriageTest {

    private static final List<String> ABC = List.of("a", "b", "c");

    @Test
    void sorts_each_kind_of_mistake() {
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 10; k++) {
                rows.add(Analyses.row(3, c, 0.9f));
                labels.add(c);
            }
        }
        rows.add(new float[] {0.02f, 0.95f, 0.03f}); // labelled a, surely b: likely label issue
        rows.add(new float[] {0.40f, 0.45f, 0.15f}); // labelled a, close call: ambiguous
        rows.add(new float[] {0.25f, 0.70f, 0.05f}); // labelled a, b below its threshold: confident model error
        rows.add(new float[] {0.05f, 0.05f, 0.90f}); // labelled a, surely c: likely label issue, less suspect
        for (int k = 0; k < 4; k++) {
            labels.add(0);
        }
        ErrorAnalysis analysis = Analyses.of(rows.toArray(new float[0][]), labels.stream().mapToInt(i -> i).toArray(), ABC);
        Triage t = Triage.of(analysis);
        // threshold of a: (10 * 0.9 + 0.02 + 0.40 + 0.25 + 0.05) / 14
        assertThat(t.threshold("a")).isCloseTo((10 * 0.9 + 0.02 + 0.40 + 0.25 + 0.05) / 14, within(1e-6));
        assertThat(t.threshold("b")).isCloseTo(0.9, within(1e-6));
        assertThat(t.mistakes()).extracting(TriagedMistake::kind).containsExactly(MistakeKind.LIKELY_LABEL_ISSUE,
                MistakeKind.AMBIGUOUS, MistakeKind.CONFIDENT_MODEL_ERROR, MistakeKind.LIKELY_LABEL_ISSUE);
        assertThat(t.labelIssues()).extracting(TriagedMistake::index).containsExactly(30, 33);
        TriagedMistake first = t.labelIssues().get(0);
        assertThat(first.labelQuality()).isCloseTo(0.02 - 0.95, within(1e-6));
        assertThat(first.suggestedLabel()).get().extracting(s -> s.className()).isEqualTo("b");
        assertThat(first.toString()).isEqualTo("#30 labelled a, predicted b 0.9500: likely label issue (a 0.0200, margin "
                + "0.9200; looks like b 0.9500)");
        assertThat(t.count(MistakeKind.AMBIGUOUS)).isEqualTo(1);
        assertThat(t.mistakes(MistakeKind.CONFIDENT_MODEL_ERROR)).extracting(TriagedMistake::index).containsExactly(32);
        assertThat(t.toString()).contains("likely label issue: 2", "ambiguous: 1", "confident model error: 1");
        assertThat(t.toJson()).contains("\"counts\":{\"likelyLabelIssue\":2,\"ambiguous\":1,\"confidentModelError\":1}");
        // a stricter ambiguity margin turns the 0.45 margin into "ambiguous"
        assertThat(Triage.of(analysis, 0.1, 0.5).count(MistakeKind.AMBIGUOUS)).isEqualTo(2);
        assertThatThrownBy(() -> Triage.of(analysis, 0, 0.1)).hasMessageContaining("lowLabelProbability")
                .hasMessageContaining("but is 0.0");
        assertThatThrownBy(() -> Triage.of(analysis, 0.1, 1.5)).hasMessageContaining("ambiguityMargin must be in [0, 1], "
                + "but is 1.5");
    }

    /**
     * 10 classes, 5,000 examples, a simulated classifier (softmax of unit-normal logits, the true class's raised by
     * 3.2; accuracy 0.8808 against the noisy labels), and 5 % of the labels (250) flipped to another class at random.
     * With seed 2024 the triage flags 144 examples as likely label issues, 142 of them planted: recall 0.568,
     * precision 0.986. The flips it misses are those the model itself gets wrong, and those whose true class gets a
     * probability below that class's threshold (the mean self-confidence, about half of the correct predictions).
     */
    @Test
    void finds_most_planted_label_flips() {
        int n = 5000;
        int classes = 10;
        SplittableRandom random = new SplittableRandom(2024);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(classes);
        }
        float[][] p = Analyses.simulate(truth, classes, 3.2, random);
        int[] given = truth.clone();
        Set<Integer> flipped = new HashSet<>();
        while (flipped.size() < n / 20) {
            int i = random.nextInt(n);
            if (flipped.add(i)) {
                given[i] = (truth[i] + 1 + random.nextInt(classes - 1)) % classes;
            }
        }
        List<String> names = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
        ErrorAnalysis analysis = Analyses.of(p, given, names);
        Triage t = Triage.of(analysis);
        List<TriagedMistake> issues = t.labelIssues();
        long found = issues.stream().filter(m -> flipped.contains(m.index())).count();
        double recall = (double) found / flipped.size();
        double precision = (double) found / issues.size();
        System.out.printf(java.util.Locale.ROOT, "planted flips: accuracy %.4f, flagged %d, found %d of %d: recall %.3f, "
                + "precision %.3f%n", analysis.accuracy(), issues.size(), found, flipped.size(), recall, precision);
        assertThat(recall).isGreaterThanOrEqualTo(0.55);
        assertThat(precision).isGreaterThanOrEqualTo(0.95);
        // the ranking puts planted flips first: the 100 most suspect are nearly all planted
        assertThat(issues.stream().limit(100).filter(m -> flipped.contains(m.index())).count()).isGreaterThanOrEqualTo(98);
        // suggested labels are mostly the true class
        long rightSuggestion = issues.stream().filter(m -> m.suggestedLabel().get().classIndex() == truth[m.index()]).count();
        assertThat((double) rightSuggestion / issues.size()).isGreaterThan(0.95);
    }
}
