package io.github.erroranalysis.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.erroranalysis.Calibration;
import io.github.erroranalysis.ErrorAnalysis;

/** Checks that two analyses agree in every count, every per-example record and every metric (floats to 1e-12). */
final class SameAnalysis {

    private static final double TOLERANCE = 1e-12;

    private SameAnalysis() {
    }

    static void assertSame(ErrorAnalysis actual, ErrorAnalysis expected) {
        assertThat(actual.examples()).isEqualTo(expected.examples());
        assertThat(actual.classNames()).isEqualTo(expected.classNames());
        assertThat(actual.correct()).isEqualTo(expected.correct());
        assertThat(actual.confusion().counts()).isDeepEqualTo(expected.confusion().counts());
        assertThat(actual.perClassAccuracy()).isEqualTo(expected.perClassAccuracy());
        assertThat(actual.wrong().asList()).isEqualTo(expected.wrong().asList());
        for (int i = 0; i < expected.examples(); i++) {
            assertThat(actual.origin(i)).as("origin of example %d", i).isEqualTo(expected.origin(i));
            assertThat(actual.trueClass(i)).as("true class of example %d", i).isEqualTo(expected.trueClass(i));
            assertThat(actual.predictedClass(i)).as("predicted class of example %d", i)
                    .isEqualTo(expected.predictedClass(i));
        }
        assertThat(actual.accuracy()).isCloseTo(expected.accuracy(), within(TOLERANCE));
        assertThat(actual.topKAccuracy(3)).isCloseTo(expected.topKAccuracy(3), within(TOLERANCE));
        Calibration a = actual.calibration();
        Calibration e = expected.calibration();
        assertThat(a.ece()).isCloseTo(e.ece(), within(TOLERANCE));
        assertThat(a.maxCalibrationError()).isCloseTo(e.maxCalibrationError(), within(TOLERANCE));
        assertThat(a.brierScore()).isCloseTo(e.brierScore(), within(TOLERANCE));
        assertThat(a.logLoss()).isCloseTo(e.logLoss(), within(TOLERANCE));
        assertThat(a.bins()).isEqualTo(e.bins());
        assertThat(actual.precisionRecallF1()).isEqualTo(expected.precisionRecallF1());
        assertThat(actual).isEqualTo(expected);
        // the same JSON, where each analysis came from (its provenance: the date it was made) aside
        assertThat(actual.withProvenance(expected.provenance()).toJson()).isEqualTo(expected.toJson());
    }
}
