package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.erroranalysis.report.SanityCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's sanity-check clause says what the report says: passed, not passed, or inconclusive. */
class SanityLineTest {

    @Test
    void anInconclusiveCheckIsSaidSoWithTheReportsReasonNotNaN() {
        SanityCheck c = new SanityCheck("grad-cam", List.of(), List.of(), Double.NaN, 0.5, 8);
        assertThat(AnalyzeCommand.sanity(c)).isEqualTo("; sanity check inconclusive (the pre-ReLU maps of all 8 "
                + "examples compared, or of the copy of the model with randomised weights, are constant)")
                .doesNotContain("NaN");
    }

    @Test
    void aDecidedCheckKeepsItsCorrelation() {
        SanityCheck c = new SanityCheck("grad-cam", List.of(1, 2), List.of(0.1, 0.2), 0.15, 0.5);
        assertThat(AnalyzeCommand.sanity(c)).isEqualTo("; sanity check passed (mean rank correlation with a "
                + "randomised model 0.15)");
    }
}
