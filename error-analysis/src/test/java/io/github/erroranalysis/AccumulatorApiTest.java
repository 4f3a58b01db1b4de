package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The library API's defects: class names are checked once, the same way, by every entry point (accumulator, options,
 * analysis factories); merging an accumulator into itself or merging null is refused.
 */
class AccumulatorApiTest {

    private static final float[][] TWO = {{0.9f, 0.1f, 0f}, {0.2f, 0.7f, 0.1f}};

    @Test
    void duplicate_class_names_are_refused_in_the_constructor_naming_the_name_and_both_indexes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ErrorAnalysisAccumulator(List.of("cat", "dog",
                "cat"))).withMessage("class names must be distinct, but class names 0 and 2 are both 'cat'");
        assertThatIllegalArgumentException().isThrownBy(() -> new ErrorAnalysisAccumulator(List.of("a", "b", "c",
                "b"), 3)).withMessage("class names must be distinct, but class names 1 and 3 are both 'b'");
    }

    @Test
    void a_null_or_blank_class_name_is_refused_naming_its_index() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ErrorAnalysisAccumulator(Arrays.asList("a", "b",
                "c", null))).withMessage("class name 3 is null");
        assertThatIllegalArgumentException().isThrownBy(() -> new ErrorAnalysisAccumulator(List.of("a", " ")))
                .withMessage("class name 1 is blank: ' '");
        assertThatNullPointerException().isThrownBy(() -> new ErrorAnalysisAccumulator(null, 0))
                .withMessageStartingWith("the class names are null");
    }

    @Test
    void options_and_factories_check_class_names_the_same_way() {
        List<String> withNull = Arrays.asList("cat", null, "frog");
        assertThatIllegalArgumentException().isThrownBy(() -> AnalysisOptions.defaults().withClassNames(withNull))
                .withMessage("class name 1 is null");
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorAnalysis.fromPredictions(
                Nd4j.createFromArray(TWO), new int[] {0, 1}, withNull)).withMessage("class name 1 is null");
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorAnalysis.fromPredictions(
                Nd4j.createFromArray(TWO), new int[] {0, 1}, List.of("cat", "dog", "dog")))
                .withMessage("class names must be distinct, but class names 1 and 2 are both 'dog'");
        assertThatIllegalArgumentException().isThrownBy(() -> new AnalysisOptions(List.of("x", "\t"), 1, true, Progress.NONE))
                .withMessage("class name 1 is blank: '\t'");
    }

    @Test
    void json_class_names_go_through_the_same_check() {
        String valid = new ErrorAnalysisAccumulator(List.of("cat", "dog", "frog")).toJson();
        assertThat(ErrorAnalysisAccumulator.fromJson(valid).classNames()).containsExactly("cat", "dog", "frog");
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorAnalysisAccumulator.fromJson(
                valid.replace("\"dog\"", "null"))).withMessage("class name 1 is null");
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorAnalysisAccumulator.fromJson(
                valid.replace("\"frog\"", "\"cat\""))).withMessage("class names must be distinct, but class "
                        + "names 0 and 2 are both 'cat'");
        assertThatIllegalArgumentException().isThrownBy(() -> ErrorAnalysisAccumulator.fromJson(
                valid.replace("\"dog\"", "7"))).withMessageStartingWith("invalid JSON: expected VALUE_STRING for a "
                        + "class name but found VALUE_NUMBER_INT");
    }

    @Test
    void merging_an_accumulator_into_itself_is_refused_and_keeps_its_examples() {
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(List.of("cat", "dog", "frog"));
        acc.eval(Nd4j.createFromArray(new float[][] {{1, 0, 0}, {0, 1, 0}}), Nd4j.createFromArray(TWO));
        assertThatIllegalArgumentException().isThrownBy(() -> acc.merge(acc))
                .withMessageStartingWith("cannot merge an accumulator into itself: "
                        + "ErrorAnalysisAccumulator(shard 0, 3 classes, 2 examples) would count each of its examples "
                        + "twice");
        assertThat(acc.examples()).isEqualTo(2);
        ErrorAnalysisAccumulator copy = ErrorAnalysisAccumulator.fromJson(acc.toJson());
        acc.merge(copy);
        assertThat(acc.examples()).as("a copy, as the message advises, merges").isEqualTo(4);
    }

    @Test
    void merging_null_is_refused_with_a_message() {
        ErrorAnalysisAccumulator acc = new ErrorAnalysisAccumulator(List.of("cat", "dog", "frog"));
        assertThatNullPointerException().isThrownBy(() -> acc.merge(null))
                .withMessage("cannot merge a null accumulator into ErrorAnalysisAccumulator(shard 0, 3 classes, 0 "
                        + "examples); merge an empty one (newInstance()) for a shard without examples");
        acc.merge(acc.newInstance());
        assertThat(acc.examples()).as("an empty shard still merges").isZero();
    }

    @Property(tries = 200)
    void every_entry_point_accepts_or_refuses_class_names_alike(@ForAll("names") List<String> names) {
        Object accumulator = outcome(n -> new ErrorAnalysisAccumulator(n, 7).classNames(), names);
        Object options = outcome(n -> AnalysisOptions.defaults().withClassNames(n).classNames(), names);
        assertThat(options).isEqualTo(accumulator);
        if (names.size() >= 2) {
            float[][] p = new float[1][names.size()];
            p[0][0] = 1;
            Object analysis = outcome(n -> ErrorAnalysis.fromPredictions(Nd4j.createFromArray(p), new int[] {0}, n)
                    .classNames(), names);
            assertThat(analysis).isEqualTo(accumulator);
        }
        if (accumulator instanceof List<?> accepted) {
            assertThat(accepted).isEqualTo(names);
        } else {
            assertThat(accumulator).asString().matches("IllegalArgumentException: class name(s must be distinct, but"
                    + " class names \\d+ and \\d+ are both '.*'| \\d+ is (null|blank: '\\s*'))");
        }
    }

    /** The accepted names, or the exception's class and message. */
    private static Object outcome(Function<List<String>, List<String>> entry, List<String> names) {
        Throwable thrown = catchThrowable(() -> entry.apply(names));
        if (thrown == null) {
            return entry.apply(names);
        }
        return thrown.getClass().getSimpleName() + ": " + thrown.getMessage();
    }

    @Provide
    Arbitrary<List<String>> names() {
        Arbitrary<String> name = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of("cat", "dog", "frog", "ship", "a", "b")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", " ", "\t")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(null)));
        return name.list().ofMinSize(0).ofMaxSize(6).map(ArrayList::new);
    }
}
