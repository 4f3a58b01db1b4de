package io.github.erroranalysis;

import io.github.erroranalysis.stats.Interval;
import io.github.erroranalysis.stats.Intervals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnalysisStatisticsTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird");

    private static ErrorAnalysis simulated(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(3);
        }
        return Analyses.of(Analyses.simulate(truth, 3, 1.5, random), truth, NAMES);
    }

    @Test
    void per_class_intervals_are_wilson_intervals_of_the_cores_counts() {
        ErrorAnalysis a = simulated(600, 1);
        AnalysisStatistics s = AnalysisStatistics.of(a);
        assertThat(s.accuracy()).isEqualTo(Intervals.wilson(a.correct(), a.examples(), 0.95));
        for (int c = 0; c < 3; c++) {
            ClassIntervals ci = s.perClass().get(c);
            var core = a.perClassAccuracy().get(c);
            assertThat(ci.accuracy().estimate()).isEqualTo(core.accuracy());
            assertThat(ci.accuracy()).isEqualTo(Intervals.wilson(core.correct(), core.support(), 0.95));
            assertThat(ci.recall()).isEqualTo(ci.accuracy());
            assertThat(ci.precision().estimate()).isCloseTo(a.precisionRecallF1().perClass().get(c).precision(), within(1e-15));
            assertThat(ci.predicted()).isEqualTo(a.confusion().counts()[0][c] + a.confusion().counts()[1][c]
                    + a.confusion().counts()[2][c]);
        }
        assertThat(s.get("dog")).isSameAs(s.perClass().get(1));
        assertThatThrownBy(() -> s.get("cow")).hasMessageContaining("no class is named 'cow'");
    }

    @Test
    void a_wider_level_gives_wider_intervals() {
        ErrorAnalysis a = simulated(300, 2);
        AnalysisStatistics s90 = AnalysisStatistics.of(a, 0.90);
        AnalysisStatistics s99 = AnalysisStatistics.of(a, 0.99);
        assertThat(s99.accuracy().halfWidth()).isGreaterThan(s90.accuracy().halfWidth());
        assertThat(s99.ece().halfWidth()).isGreaterThan(s90.ece().halfWidth());
    }

    @Test
    void bootstrap_is_reproducible_for_a_seed_and_estimates_are_the_cores() {
        ErrorAnalysis a = simulated(2000, 3);
        Bootstrap b = Bootstrap.of(500, 7);
        Interval ece1 = b.interval(a, Metrics.expectedCalibrationError(), 0.95);
        Interval ece2 = Bootstrap.of(500, 7).interval(a, Metrics.expectedCalibrationError(), 0.95);
        Interval ece3 = Bootstrap.of(500, 8).interval(a, Metrics.expectedCalibrationError(), 0.95);
        assertThat(ece1).isEqualTo(ece2);
        assertThat(ece1.lower()).isNotEqualTo(ece3.lower());
        assertThat(ece1.estimate()).isEqualTo(a.calibration().ece());
        assertThat(ece1.method()).isEqualTo("percentile bootstrap, 500 resamples, seed 7");
        Interval f1 = b.interval(a, Metrics.macroF1(), 0.95);
        assertThat(f1.estimate()).isEqualTo(a.precisionRecallF1().macro().f1());
        assertThat(f1.contains(f1.estimate())).isTrue();
        assertThat(f1.halfWidth()).isBetween(0.005, 0.05);
        assertThat(ece1.lower()).isLessThan(ece1.upper());
        assertThat(AnalysisStatistics.of(a, 0.95, b)).isEqualTo(AnalysisStatistics.of(a, 0.95, Bootstrap.of(500, 7)));
    }

    @Test
    void resampled_statistics_match_the_core_on_the_data_itself() {
        // the metrics recounted on a resample that draws every example once are the core's
        ErrorAnalysis a = simulated(1000, 4);
        int[] everyExample = java.util.stream.IntStream.range(0, 1000).toArray();
        ResampledContext resample = new ResampledContext(a.context(), everyExample);
        assertThat(Metrics.expectedCalibrationError().compute(resample)).isCloseTo(a.calibration().ece(), within(1e-12));
        assertThat(Metrics.macroF1().compute(resample)).isCloseTo(a.precisionRecallF1().macro().f1(), within(1e-15));
        assertThat(Metrics.calibration().compute(resample).bins()).isEqualTo(a.calibration().bins());
        assertThat(Metrics.brierScore().compute(resample)).isCloseTo(a.calibration().brierScore(), within(1e-12));
        assertThat(Metrics.logLoss().compute(resample)).isCloseTo(a.calibration().logLoss(), within(1e-12));
        assertThat(Metrics.topKAccuracy(2).compute(resample)).isEqualTo(a.topKAccuracy(2));
        assertThat(Metrics.accuracy().compute(resample)).isEqualTo(a.accuracy());
    }

    @Test
    void bad_settings_are_refused_naming_the_value() {
        ErrorAnalysis a = simulated(50, 5);
        assertThatThrownBy(() -> Bootstrap.of(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a bootstrap needs at least 1 resample, but resamples is 0");
        assertThatThrownBy(() -> Bootstrap.of(-3, 1)).hasMessageContaining("resamples is -3");
        assertThatThrownBy(() -> AnalysisStatistics.of(a, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strictly between 0 and 1").hasMessageContaining("but is 1.5");
        assertThatThrownBy(() -> AnalysisStatistics.of(a, 0.0)).hasMessageContaining("but is 0.0");
        assertThatThrownBy(() -> Bootstrap.defaults().interval(a, Metrics.expectedCalibrationError(), -0.1)).hasMessageContaining("but is -0.1");
        assertThatThrownBy(() -> HonestHardest.of(a, 1)).hasMessageContaining("but is 1.0");
    }

    @Test
    void hardest_is_significant_when_fisher_says_so() {
        // cat 580/1000 against dog 650/1000: Fisher's exact p = 0.0015126 (see scipy_fixtures.json)
        ErrorAnalysis a = Analyses.withClassAccuracies(new long[] {580, 650, 800}, 1000, NAMES);
        HonestHardest h = HonestHardest.of(a);
        assertThat(h.hardest().className()).isEqualTo("cat");
        assertThat(h.runnerUp()).get().extracting(r -> r.className()).isEqualTo("dog");
        assertThat(h.pValue()).isCloseTo(0.0015126422664744653, within(1e-12));
        assertThat(h.significant()).isTrue();
        assertThat(h.verdict()).isEqualTo("cat (significantly hardest)");
        assertThat(h.toString()).isEqualTo("hardest class: cat (significantly hardest): 0.5800 (580/1000) against "
                + "runner-up dog 0.6500 (650/1000), Fisher's exact p = 0.001513");
        // at 99.9 % the same gap is not enough
        assertThat(HonestHardest.of(a, 0.999).verdict()).isEqualTo("cat, tied with dog within noise");
    }

    @Test
    void hardest_is_tied_within_noise_when_the_gap_is_small() {
        ErrorAnalysis a = Analyses.withClassAccuracies(new long[] {800, 610, 600}, 1000, NAMES);
        HonestHardest h = HonestHardest.of(a);
        assertThat(h.verdict()).isEqualTo("bird, tied with dog within noise");
        assertThat(h.pValue()).isCloseTo(0.6805923138251458, within(1e-9));
        assertThat(h.significant()).isFalse();
    }

    @Test
    void a_class_without_examples_is_no_examples_in_text_and_null_in_json() {
        // no example is a bird, and bird is never predicted
        ErrorAnalysis a = Analyses.predicting(new int[] {0, 1, 1, 0}, new int[] {0, 1, 0, 1}, NAMES);
        AnalysisStatistics s = AnalysisStatistics.of(a, 0.95, Bootstrap.of(50, 1));
        assertThat(s.get("bird").accuracy().isDefined()).isFalse();
        assertThat(s.get("bird").toString()).isEqualTo("bird: no examples");
        assertThat(s.toJson()).contains("\"name\":\"bird\",\"support\":0,\"predicted\":0,\"accuracy\":null,"
                + "\"accuracyInterval\":{\"estimate\":null,\"lower\":null,\"upper\":null");
        assertThat(s.toJson()).startsWith("{\"schemaVersion\":2,\"type\":\"analysisStatistics\"");
    }

    @Test
    void text_does_not_depend_on_the_machines_locale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            ErrorAnalysis a = Analyses.withClassAccuracies(new long[] {580, 650, 800}, 1000, NAMES);
            String text = AnalysisStatistics.of(a, 0.95, Bootstrap.of(100, 1)).toString();
            assertThat(text).contains("accuracy 0.6767 [0.6597, 0.6932] (95% Wilson)").doesNotContain("0,6767");
            assertThat(text).contains("cat: accuracy 0.5800 [0.5492, 0.6102]");
        } finally {
            Locale.setDefault(before);
        }
    }
}
