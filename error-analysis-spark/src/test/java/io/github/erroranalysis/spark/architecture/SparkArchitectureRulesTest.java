package io.github.erroranalysis.spark.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that every rule of {@link SparkArchitecture} can fail, on a fixture package with one deliberate violation
 * each, and that the real import holds Spark's and the core's main classes and no test class.
 */
class SparkArchitectureRulesTest {

    private static final String FIXTURE = "io.github.erroranalysis.spark.architecture.fixture";

    private static JavaClasses fixture;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void spark_importing_the_report_fails() {
        assertThat(violations(SparkArchitecture.sparkImportsOnlyTheCore(FIXTURE)))
                .contains("Field <" + FIXTURE + ".spark.Job.section> has type <" + FIXTURE + ".report.Section>")
                .doesNotContain(FIXTURE + ".spark.Job.facade").doesNotContain(FIXTURE + ".spark.Job.files");
    }

    @Test
    void spark_on_shaded_jackson_fails() {
        assertThat(violations(SparkArchitecture.sparkUsesNoShadedJackson(FIXTURE)))
                .contains("Field <" + FIXTURE + ".spark.Job.factory> has type"
                        + " <org.nd4j.shade.jackson.core.JsonFactory>");
    }

    @Test
    void a_package_named_internal_fails() {
        assertThat(violations(SparkArchitecture.noInternalPackage()))
                .contains("Class <" + FIXTURE + ".internal.Hidden>").doesNotContain(FIXTURE + ".spark.Job>");
    }

    @Test
    void a_package_cycle_fails() {
        assertThat(violations(SparkArchitecture.noPackageCycles(FIXTURE)).replaceAll("\\s+", " "))
                .contains("Cycle detected: Slice " + FIXTURE + ".report -> Slice " + FIXTURE + ".spark -> Slice "
                        + FIXTURE + ".report")
                .doesNotContain("Slice " + FIXTURE + ".io ");
    }

    @Test
    void the_real_import_holds_spark_and_the_core_and_no_test_class() {
        List<String> names = new ClassFileImporter().withImportOption(new SparkArchitecture.MainClassesOnly())
                .importPackages(SparkArchitecture.PROJECT).stream().map(JavaClass::getName)
                .collect(Collectors.toList());
        assertThat(names).contains("io.github.erroranalysis.spark.SparkErrorAnalysis",
                "io.github.erroranalysis.ErrorAnalysis", "io.github.erroranalysis.io.AtomicFiles")
                .noneMatch(name -> name.startsWith("io.github.erroranalysis.spark.architecture"))
                .doesNotContain("io.github.erroranalysis.spark.KryoSerializerTest");
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixture);
        assertThat(result.hasViolation()).as("%s fails on the fixture", rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
