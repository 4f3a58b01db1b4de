package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The plain-array factories {@code fromPredictions(NumberArray, ...)} and {@code fromLogits(NumberArray, ...)}
 * against the {@code INDArray} factories: the same analysis from the same values, and the same refusal, word for
 * word, of every bad input, whether the values are held as floats or as doubles.
 */
class NumberArrayTest {

    private static final double[] GOOD = {0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.25, 0.5, 0.25, 0.9, 0.05, 0.05};
    private static final long[] SHAPE = {4, 3};

    static Stream<Arguments> inputs() {
        double[] nan = GOOD.clone();
        nan[4] = Double.NaN;
        double[] negative = GOOD.clone();
        negative[3] = -0.1;
        double[] sums = GOOD.clone();
        sums[0] = 0.9;
        double[] logits = {3, 1, -2, 0.5, 2, 8, 1, 1, 1, 40, -3, 7};
        double[] infinite = logits.clone();
        infinite[7] = Double.POSITIVE_INFINITY;
        return Stream.of(
                Arguments.of("valid", GOOD, SHAPE, new double[] {0, 2, 1, 0}, new long[] {4}),
                Arguments.of("a column of labels", GOOD, SHAPE, new double[] {0, 2, 1, 0}, new long[] {4, 1}),
                Arguments.of("one-hot labels", GOOD, SHAPE, new double[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0},
                        SHAPE),
                Arguments.of("not one-hot", GOOD, SHAPE, new double[] {1, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0}, SHAPE),
                Arguments.of("one-hot of another width", GOOD, SHAPE, new double[8], new long[] {4, 2}),
                Arguments.of("NaN", nan, SHAPE, new double[] {0, 2, 1, 0}, new long[] {4}),
                Arguments.of("negative", negative, SHAPE, new double[] {0, 2, 1, 0}, new long[] {4}),
                Arguments.of("rows not summing to 1", sums, SHAPE, new double[] {0, 2, 1, 0}, new long[] {4}),
                Arguments.of("logits", logits, SHAPE, new double[] {0, 2, 1, 0}, new long[] {4}),
                Arguments.of("an infinite logit", infinite, SHAPE, new double[] {0, 2, 1, 0}, new long[] {4}),
                Arguments.of("a label out of range", GOOD, SHAPE, new double[] {0, 3, 1, 0}, new long[] {4}),
                Arguments.of("a negative label", GOOD, SHAPE, new double[] {0, -1, 1, 0}, new long[] {4}),
                Arguments.of("a label that is not whole", GOOD, SHAPE, new double[] {0, 1.5, 1, 0}, new long[] {4}),
                Arguments.of("too few labels", GOOD, SHAPE, new double[] {0, 2, 1}, new long[] {3}),
                Arguments.of("a vector of predictions", GOOD, new long[] {12}, new double[] {0, 2, 1, 0},
                        new long[] {4}),
                Arguments.of("one class", new double[] {1, 1, 1, 1}, new long[] {4, 1}, new double[4], new long[] {4}),
                Arguments.of("no examples", new double[0], new long[] {0, 3}, new double[0], new long[] {0}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void should_give_what_the_nd4j_factories_give(String name, double[] scores, long[] shape, double[] labels,
            long[] labelShape) {
        for (boolean asFloats : new boolean[] {false, true}) {
            INDArray s = array(scores, shape, asFloats);
            INDArray l = array(labels, labelShape, false);
            NumberArray ps = asFloats ? NumberArray.ofFloats(floats(scores), shape) : NumberArray.ofDoubles(scores,
                    shape);
            NumberArray pl = NumberArray.ofDoubles(labels, labelShape);
            same(name + (asFloats ? " (floats)" : " (doubles)") + ", probabilities",
                    () -> ErrorAnalysis.fromPredictions(s, l, List.of()),
                    () -> ErrorAnalysis.fromPredictions(ps, pl, List.of()));
            same(name + (asFloats ? " (floats)" : " (doubles)") + ", logits",
                    () -> ErrorAnalysis.fromLogits(s, l, List.of()),
                    () -> ErrorAnalysis.fromLogits(ps, pl, List.of()));
        }
    }

    @Test
    void should_copy_what_it_is_given_and_check_the_shape() {
        float[] values = {1, 2, 3, 4, 5, 6};
        NumberArray a = NumberArray.ofFloats(values, 2, 3);
        values[0] = 99;
        assertThat(a.get(0)).isEqualTo(1.0);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.isFloat()).isTrue();
        assertThat(NumberArray.ofInts(new int[] {4, 5}).get(1)).isEqualTo(5.0);
        assertThat(a).hasToString("float array of shape [2, 3]");
        assertThatThrownBy(() -> NumberArray.ofDoubles(new double[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("shape [2, 3] needs 6 values, but there are 5");
        assertThatThrownBy(() -> NumberArray.ofDoubles(new double[0], 2, -3))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("shape [2, -3] has a negative dimension");
    }

    /** Both give equal analyses, or both throw the same exception class with the same message. */
    private static void same(String what, java.util.function.Supplier<ErrorAnalysis> nd4j,
            java.util.function.Supplier<ErrorAnalysis> plain) {
        ErrorAnalysis expected = null;
        Throwable refused = catchThrowable(() -> nd4j.get());
        if (refused == null) {
            expected = nd4j.get();
        }
        if (expected != null) {
            assertThat(plain.get()).as(what).isEqualTo(expected);
            return;
        }
        Throwable actual = catchThrowable(() -> plain.get());
        assertThat(actual).as(what + ": refused as the INDArray is, " + refused).isNotNull()
                .isInstanceOf(refused.getClass()).hasMessage(refused.getMessage());
    }

    private static INDArray array(double[] values, long[] shape, boolean asFloats) {
        if (values.length == 0) {
            return Nd4j.create(asFloats ? DataType.FLOAT : DataType.DOUBLE, shape);
        }
        INDArray a = Nd4j.create(values, shape, 'c');
        return asFloats ? a.castTo(DataType.FLOAT) : a;
    }

    private static float[] floats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
