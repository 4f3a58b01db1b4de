package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.corruption.Corruption;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The forms {@code --corruptions} and {@code --severities} accept, and their one-line refusals. */
class CorruptionOptionsTest {

    @Test
    void severitiesAreARangeOneOrAListAscending() {
        assertThat(CorruptionOptions.severities("1-5")).containsExactly(1, 2, 3, 4, 5);
        assertThat(CorruptionOptions.severities("3")).containsExactly(3);
        assertThat(CorruptionOptions.severities("5,1,3")).containsExactly(1, 3, 5);
        assertThat(CorruptionOptions.severities(" 2-3, 5 ")).containsExactly(2, 3, 5);
        assertThatThrownBy(() -> CorruptionOptions.severities("5-1")).hasMessageContaining("the range 5-1 is empty");
        assertThatThrownBy(() -> CorruptionOptions.severities("1,1")).hasMessageContaining("severity 1 is given twice");
        assertThatThrownBy(() -> CorruptionOptions.severities("6")).hasMessageContaining("'6' is not a severity");
        assertThatThrownBy(() -> CorruptionOptions.severities("x")).hasMessageContaining("'x' is not a severity");
        assertThatThrownBy(() -> CorruptionOptions.severities("")).isInstanceOf(BadInputException.class);
    }

    @Test
    void corruptionsAreAllStandardExtraOrNamesInTheReferenceOrder() {
        assertThat(CorruptionOptions.corruptions("all")).hasSize(19);
        assertThat(CorruptionOptions.corruptions("standard")).hasSize(15).allMatch(Corruption::standard);
        assertThat(CorruptionOptions.corruptions("Extra")).containsExactly(Corruption.SPECKLE_NOISE,
                Corruption.GAUSSIAN_BLUR, Corruption.SPATTER, Corruption.SATURATE);
        assertThat(CorruptionOptions.corruptions("FOG, gaussian-noise")).isEqualTo(List.of(Corruption.GAUSSIAN_NOISE,
                Corruption.FOG));
        assertThatThrownBy(() -> CorruptionOptions.corruptions("fog,fog")).hasMessageContaining("fog is given twice");
        assertThatThrownBy(() -> CorruptionOptions.corruptions("fog,,snow")).hasMessageContaining("an empty "
                + "corruption name");
        assertThatThrownBy(() -> CorruptionOptions.corruptions("haze")).hasMessage("--corruptions haze: unknown "
                + "corruption; known: " + CorruptionOptions.known() + " (or all, standard or extra alone)");
        assertThatThrownBy(() -> CorruptionOptions.corruptions("standard,extra")).isInstanceOf(BadInputException.class)
                .hasMessage("--corruptions standard,extra: standard stands alone; all, standard and extra cannot be "
                        + "combined with each other or with names (give one group, or names separated by commas)");
        assertThatThrownBy(() -> CorruptionOptions.corruptions("fog, ALL")).hasMessageContaining("ALL stands alone");
    }
}
