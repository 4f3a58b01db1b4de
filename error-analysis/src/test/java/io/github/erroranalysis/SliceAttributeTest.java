package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks that slice attributes refuse values a slice cannot be described by, naming the attribute, example and value. */
class SliceAttributeTest {

    @Test
    void numeric_values_must_be_finite() {
        assertThatThrownBy(() -> SliceAttribute.numeric("brightness", new double[] {0.1, 0.2, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice attribute brightness: example 2 has the value NaN, but every value must be a finite number");
        assertThatThrownBy(() -> SliceAttribute.numeric("contrast", new double[] {Double.POSITIVE_INFINITY}))
                .hasMessageContaining("contrast").hasMessageContaining("example 0").hasMessageContaining("Infinity");
    }

    @Test
    void categories_must_be_whole_numbers_in_range() {
        List<String> hues = List.of("red", "green", "blue");
        assertThatThrownBy(() -> new SliceAttribute("dominant hue", new double[] {0, 1.5}, hues))
                .hasMessage("slice attribute dominant hue: example 1 has the category index 1.5, but a category index "
                        + "must be a whole number from 0 to 2 (3 categories)");
        assertThatThrownBy(() -> SliceAttribute.category("dominant hue", new int[] {0, 2, 3}, hues))
                .hasMessageContaining("example 2 has the category index 3.0");
        assertThatThrownBy(() -> SliceAttribute.category("dominant hue", new int[] {-1}, hues))
                .hasMessageContaining("example 0 has the category index -1.0");
        assertThatThrownBy(() -> SliceAttribute.category("cluster", new int[] {0}, List.of("a", "a")))
                .hasMessageContaining("slice attribute cluster: category 1 is \"a\"");
        assertThatThrownBy(() -> SliceAttribute.category("cluster", new int[] {0}, List.of("a", " ")))
                .hasMessageContaining("category 1 is \" \"");
    }

    @Test
    void the_name_must_not_be_blank() {
        assertThatThrownBy(() -> SliceAttribute.numeric("  ", new double[] {1}))
                .hasMessage("a slice attribute's name must not be blank, but is \"  \"");
    }

    @Test
    void values_are_copied_and_compared_by_content() {
        double[] v = {3, 1, 2};
        SliceAttribute a = SliceAttribute.numeric("sharpness", v);
        v[0] = 99;
        assertThat(a.value(0)).isEqualTo(3);
        a.values()[1] = 99;
        assertThat(a.value(1)).isEqualTo(1);
        assertThat(a).isEqualTo(SliceAttribute.numeric("sharpness", new double[] {3, 1, 2})).hasSameHashCodeAs(
                SliceAttribute.numeric("sharpness", new double[] {3, 1, 2}));
        assertThat(a.categorical()).isFalse();
        assertThat(a.toString()).isEqualTo("SliceAttribute[sharpness, numeric, 3 examples]");
        SliceAttribute c = SliceAttribute.category("embedding cluster", new int[] {1, 0}, List.of("0", "1"));
        assertThat(c.categorical()).isTrue();
        assertThat(c.value(0)).isEqualTo(1);
    }

    @Test
    void conditions_in_words() {
        assertThat(SliceCondition.lowest("brightness", 0.1, 0.01, 0.2).inWords()).isEqualTo("brightness in the lowest 10 %");
        assertThat(SliceCondition.highest("contrast", 0.3, 0.5, 0.9).inWords()).isEqualTo("contrast in the highest 30 %");
        assertThat(SliceCondition.category("embedding cluster", 7, "7").inWords()).isEqualTo("embedding cluster 7");
        assertThat(SliceCondition.category("dominant hue", 2, "blue").inWords()).isEqualTo("dominant hue blue");
        assertThat(new SliceCondition("x", 0.2, 0.4, 1, 2, null).inWords()).isEqualTo("x between its 20 % and 40 % quantiles");
        assertThatThrownBy(() -> new SliceCondition("x", 0.5, 0.4, 1, 2, null)).hasMessageContaining("on x")
                .hasMessageContaining("0.5 and 0.4");
        assertThatThrownBy(() -> SliceCondition.lowest("x", 0.1, 2, 1)).hasMessageContaining("lower value 2.0");
    }
}
