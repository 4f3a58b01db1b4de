package io.github.erroranalysis.examples.architecture;

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
 * Proves that every rule of {@link ArchitectureRules} can fail: each one, run over the fixture package (one
 * deliberate violation per rule), reports the class that breaks it, and none reports what the rules allow. Also
 * checks that the real import of {@link ArchitectureTest} holds the main classes of every module and no test class,
 * so that its rules cannot pass on an empty import.
 */
class ArchitectureRulesTest {

    private static final String FIXTURE = "io.github.erroranalysis.examples.architecture.fixture";

    private static JavaClasses fixture;

    @BeforeAll
    static void importFixture() {
        fixture = new ClassFileImporter().importPackages(FIXTURE);
    }

    @Test
    void a_package_cycle_fails() {
        String cyclic = "io.github.erroranalysis.examples.architecture.cyclic";
        EvaluationResult result = ArchitectureRules.noPackageCycles(cyclic)
                .evaluate(new ClassFileImporter().importPackages(cyclic));
        String report = String.join("\n", result.getFailureReport().getDetails()).replaceAll("\\s+", " ");
        assertThat(result.hasViolation()).isTrue();
        assertThat(report).contains("Cycle detected: Slice " + cyclic + ".a -> Slice " + cyclic + ".b -> Slice "
                + cyclic + ".a").doesNotContain(cyclic + ".c");
    }

    @Test
    void a_cycle_through_the_facade_fails() {
        assertThat(violations(ArchitectureRules.noPackageCycles(FIXTURE)).replaceAll("\\s+", " "))
                .contains("Cycle detected: Slice " + FIXTURE + " -> Slice " + FIXTURE + ".stats -> Slice " + FIXTURE
                        + " ");
    }

    @Test
    void stats_importing_the_facade_fails() {
        assertThat(violations(ArchitectureRules.statsImportsOnlyIo(FIXTURE)))
                .contains("Field <" + FIXTURE + ".stats.Counts.facade> has type <" + FIXTURE + ".Facade>")
                .doesNotContain(FIXTURE + ".stats.Counts.files");
    }

    @Test
    void json_importing_the_facade_fails() {
        assertThat(violations(ArchitectureRules.jsonImportsOnlyStatsAndIo(FIXTURE)))
                .contains("Field <" + FIXTURE + ".json.Codec.facade> has type <" + FIXTURE + ".Facade>")
                .doesNotContain(FIXTURE + ".json.Codec.counts").doesNotContain(FIXTURE + ".json.Codec.files");
    }

    @Test
    void the_root_importing_the_gates_or_the_report_fails() {
        assertThat(violations(ArchitectureRules.rootImportsNoLayerAbove(FIXTURE)))
                .contains("Field <" + FIXTURE + ".Facade.gate> has type <" + FIXTURE + ".gate.Gate>")
                .contains("Field <" + FIXTURE + ".ReportUser.section> has type <" + FIXTURE + ".report.Section>")
                .doesNotContain(FIXTURE + ".stats.Counts>");
    }

    @Test
    void the_core_importing_model_import_fails_and_model_import_is_not_core() {
        assertThat(violations(ArchitectureRules.nothingBelowImportsModelImport(FIXTURE)))
                .contains("Field <" + FIXTURE + ".gate.ImportingGate.converter> has type <" + FIXTURE
                        + ".modelimport.Converter>");
        assertThat(violations(ArchitectureRules.coreImportsNoOtherModule(FIXTURE)))
                .doesNotContain(FIXTURE + ".modelimport.Converter.data");
    }

    @Test
    void the_core_importing_the_report_fails() {
        assertThat(violations(ArchitectureRules.coreImportsNoOtherModule(FIXTURE)))
                .contains("Field <" + FIXTURE + ".ReportUser.section> has type <" + FIXTURE + ".report.Section>")
                .doesNotContain(FIXTURE + ".gate.Gate>");
    }

    @Test
    void the_core_using_charts_assertions_or_a_progress_bar_fails() {
        assertThat(violations(ArchitectureRules.coreUsesNoChartsAssertionsOrProgressBar(FIXTURE)))
                .contains("<org.jfree.chart.JFreeChart>", "<org.assertj.core.api.AbstractAssert>",
                        "<me.tongfei.progressbar.ProgressBar>");
    }

    @Test
    void the_report_importing_the_assertions_fails() {
        assertThat(violations(ArchitectureRules.reportImportsOnlyTheCore(FIXTURE)))
                .contains("Field <" + FIXTURE + ".report.Section.check> has type <" + FIXTURE + ".assertj.Check>")
                .doesNotContain(FIXTURE + ".report.Section.facade");
    }

    @Test
    void the_assertions_importing_the_report_fails() {
        assertThat(violations(ArchitectureRules.assertjImportsOnlyTheCore(FIXTURE)))
                .contains("Field <" + FIXTURE + ".assertj.Check.section> has type <" + FIXTURE
                        + ".report.Section>")
                .doesNotContain(FIXTURE + ".assertj.Check.facade");
    }

    @Test
    void cifar_importing_the_report_fails() {
        assertThat(violations(ArchitectureRules.cifarImportsOnlyTheCoreAndIo(FIXTURE)))
                .contains("Field <" + FIXTURE + ".cifar.Data.section> has type <" + FIXTURE + ".report.Section>")
                .doesNotContain(FIXTURE + ".cifar.Data.facade").doesNotContain(FIXTURE + ".cifar.Data.files");
    }

    @Test
    void the_corruptions_importing_nd4j_fail() {
        assertThat(violations(ArchitectureRules.corruptionImportsNoModelSuiteOrReport(FIXTURE)))
                .contains("Field <" + FIXTURE + ".corruption.Blurry.array> has type <org.nd4j.linalg.api.ndarray.INDArray>")
                .doesNotContain(FIXTURE + ".corruption.Blurry.files");
    }

    @Test
    void the_core_importing_the_corruptions_fails() {
        assertThat(violations(ArchitectureRules.coreImportsNoOtherModule(FIXTURE)))
                .contains("Field <" + FIXTURE + ".CorruptingFacade.blurry> has type <" + FIXTURE
                        + ".corruption.Blurry>");
    }

    @Test
    void a_class_on_shaded_jackson_fails() {
        assertThat(violations(ArchitectureRules.noShadedJackson()))
                .contains("Field <" + FIXTURE + ".Shaded.factory> has type <org.nd4j.shade.jackson.core.JsonFactory>");
    }

    @Test
    void a_package_named_internal_fails() {
        assertThat(violations(ArchitectureRules.noInternalPackage()))
                .contains("Class <" + FIXTURE + ".internal.Hidden>").doesNotContain(FIXTURE + ".Facade");
    }

    @Test
    void the_real_import_holds_every_modules_main_classes_and_no_test_class() {
        JavaClasses project = new ClassFileImporter().withImportOption(new MainClassesOnly())
                .importPackages(ArchitectureRules.PROJECT);
        List<String> names = project.stream().map(JavaClass::getName).collect(Collectors.toList());
        assertThat(names).contains(
                "io.github.erroranalysis.io.AtomicFiles",
                "io.github.erroranalysis.cifar.data.CifarDataset",
                "io.github.erroranalysis.cifar.model.CifarModel",
                "io.github.erroranalysis.modelimport.ModelImport",
                "io.github.erroranalysis.corruption.Corruption",
                "io.github.erroranalysis.robustness.RobustnessSuite",
                "io.github.erroranalysis.ErrorAnalysis",
                "io.github.erroranalysis.stats.Interval",
                "io.github.erroranalysis.json.JsonCodec",
                "io.github.erroranalysis.report.ErrorReport",
                "io.github.erroranalysis.assertj.ErrorAnalysisAssertions",
                "io.github.erroranalysis.examples.cli.CifarErrors");
        assertThat(names).noneMatch(name -> name.startsWith("io.github.erroranalysis.examples.architecture"))
                .doesNotContain("io.github.erroranalysis.examples.ExamplesTest");
    }

    private static String violations(ArchRule rule) {
        EvaluationResult result = rule.evaluate(fixture);
        assertThat(result.hasViolation()).as("%s fails on the fixture", rule.getDescription()).isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
