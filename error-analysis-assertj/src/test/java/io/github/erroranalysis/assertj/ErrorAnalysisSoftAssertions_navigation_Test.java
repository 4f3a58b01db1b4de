package io.github.erroranalysis.assertj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.erroranalysis.ErrorAnalysis;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assert;
import org.assertj.core.api.BDDSoftAssertions;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Navigation under soft assertions: a navigated assertion's failures are collected with the others, never thrown
 * before {@code assertAll()}; every navigation method of {@link ErrorAnalysisAssert} is found by reflection.
 */
class ErrorAnalysisSoftAssertions_navigation_Test {

    private final ErrorAnalysis analysis = Fixtures.twenty();

    /** A value no navigated assertion can be equal to or an instance of. */
    private static final class Sentinel {
    }

    @Test
    void should_collect_two_failing_navigated_assertions_and_report_both_on_assertAll() {
        // GIVEN
        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        // WHEN nothing throws here
        softly.assertThat(analysis).hasAccuracyAtLeast(0.9);
        softly.assertThat(analysis).classAccuracy("cat").isGreaterThanOrEqualTo(0.6).isEqualTo(0.5);
        softly.assertThat(analysis).classAccuracy("dog").isGreaterThan(0.9);
        // THEN
        assertThat(softly.errorsCollected()).hasSize(3);
        assertThat(softly.errorsCollected().get(1)).hasMessageContaining("[accuracy of class cat: 0.5000 [0.1500, "
                + "0.8500] (95% Wilson), 2 of 4 right]").hasMessageContaining("to be greater than or equal to");
        assertThat(softly.errorsCollected().get(2)).hasMessageContaining("[accuracy of class dog: 0.7778");
        Throwable all = catchThrowable(softly::assertAll);
        assertThat(all).hasMessageContaining("Multiple Failures (3 failures)")
                .hasMessageContaining("accuracy of class cat").hasMessageContaining("accuracy of class dog");
    }

    @Test
    void should_keep_the_outer_description_in_front_of_the_navigated_one() {
        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        softly.assertThat(analysis).as("model B").classAccuracy("cat").isGreaterThan(0.6);
        assertThat(softly.errorsCollected()).hasSize(1);
        assertThat(softly.errorsCollected().get(0)).hasMessageStartingWith("[model B: accuracy of class cat: 0.5000");
    }

    @Test
    void should_navigate_softly_through_plain_soft_assertions_and_any_provider() {
        SoftAssertions plain = new SoftAssertions();
        plain.proxy(ErrorAnalysisAssert.class, ErrorAnalysis.class, analysis).classAccuracy("cat").isGreaterThan(0.6);
        plain.proxy(ErrorAnalysisAssert.class, ErrorAnalysis.class, analysis).classAccuracy("frog").isLessThan(0.1);
        assertThat(plain.assertionErrorsCollected()).hasSize(2);

        BddWithAnalyses bdd = new BddWithAnalyses();
        bdd.assertThat(analysis).classAccuracy("cat").isGreaterThan(0.6);
        bdd.then(1).isEqualTo(2);
        assertThat(bdd.assertionErrorsCollected()).hasSize(2);
    }

    @Test
    void should_collect_a_null_analysis_and_the_navigated_failure_without_a_NullPointerException() {
        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        softly.assertThat((ErrorAnalysis) null).classAccuracy("cat").isGreaterThan(0.6);
        assertThat(softly.errorsCollected()).hasSize(2);
        assertThat(softly.errorsCollected().get(0)).hasMessageContaining("Expecting actual not to be null");
        assertThat(softly.errorsCollected().get(1)).hasMessageContaining("accuracy of class cat of a null analysis");
    }

    @Test
    void should_throw_IllegalArgumentException_for_an_unknown_class_even_softly() {
        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        assertThatIllegalArgumentException().isThrownBy(() -> softly.assertThat(analysis).classAccuracy("kat"))
                .withMessage("no class is named 'kat'; the classes are cat, dog, frog");
    }

    @Test
    void every_navigation_method_is_final_and_soft() throws Exception {
        List<Method> navigations = navigationMethods();
        assertThat(navigations).as("navigation methods of ErrorAnalysisAssert").isNotEmpty();
        for (Method navigation : navigations) {
            assertThat(Modifier.isFinal(navigation.getModifiers()))
                    .as("%s is final, so that soft proxies do not swallow its isNotNull()", navigation).isTrue();
            // GIVEN one failure collected before the navigation
            ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
            softly.assertThat(analysis).hasAccuracyAtLeast(0.99);
            // WHEN two assertions on the navigated value fail; nothing may throw here
            AbstractAssert<?, ?> navigated = navigate(navigation, softly.assertThat(analysis));
            navigated.isEqualTo(new Sentinel());
            navigated.isInstanceOf(Sentinel.class);
            // THEN all three are collected and reported together
            assertThat(softly.errorsCollected()).as("errors collected by soft %s", navigation.getName()).hasSize(3);
            assertThat(catchThrowable(softly::assertAll)).as("assertAll after %s", navigation.getName())
                    .hasMessageContaining("Multiple Failures (3 failures)");

            // and on a null analysis: the null is collected, then the navigated failure, and no exception
            ErrorAnalysisSoftAssertions onNull = new ErrorAnalysisSoftAssertions();
            navigate(navigation, onNull.assertThat((ErrorAnalysis) null)).isInstanceOf(Sentinel.class);
            assertThat(onNull.errorsCollected()).as("errors collected by soft %s on null", navigation.getName())
                    .hasSize(2);
        }
    }

    @Test
    void the_navigation_inherited_from_AssertJ_is_soft_too() {
        ErrorAnalysisSoftAssertions softly = new ErrorAnalysisSoftAssertions();
        softly.assertThat(analysis).asString().contains("no such text");
        softly.assertThat(analysis).asInstanceOf(InstanceOfAssertFactories.type(ErrorAnalysis.class))
                .isSameAs(Fixtures.twentyAllRight());
        assertThat(softly.errorsCollected()).hasSize(2);
    }

    /** Public methods declared by the assertion class that return another kind of assertion: its navigations. */
    static List<Method> navigationMethods() {
        return Arrays.stream(ErrorAnalysisAssert.class.getMethods())
                .filter(m -> m.getDeclaringClass() == ErrorAnalysisAssert.class)
                .filter(m -> Assert.class.isAssignableFrom(m.getReturnType()))
                .filter(m -> !m.getReturnType().isAssignableFrom(ErrorAnalysisAssert.class)).toList();
    }

    private AbstractAssert<?, ?> navigate(Method navigation, ErrorAnalysisAssert on) throws Exception {
        Object[] arguments = Arrays.stream(navigation.getParameterTypes()).map(this::argument).toArray();
        try {
            return (AbstractAssert<?, ?>) navigation.invoke(on, arguments);
        } catch (InvocationTargetException e) {
            throw new AssertionError(navigation + " threw under soft assertions", e.getCause());
        }
    }

    /** A valid argument of each type a navigation method takes; a new type must be added here. */
    private Object argument(Class<?> type) {
        if (type == String.class) {
            return "cat";
        }
        if (type == double.class) {
            return 0.5;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == ErrorAnalysis.class) {
            return analysis;
        }
        throw new AssertionError("no argument for a navigation parameter of type " + type + "; add one to this test");
    }

    /** A project's own soft assertions that add analyses to AssertJ's BDD ones. */
    static final class BddWithAnalyses extends BDDSoftAssertions implements ErrorAnalysisSoftAssertionsProvider {
    }
}
