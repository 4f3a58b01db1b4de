package io.github.erroranalysis.examples.architecture;

import static io.github.erroranalysis.examples.architecture.ArchitectureRules.PROJECT;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture of the project, checked over the main classes of every module on this module's test class path
 * (error-analysis-io, cifar-data, cifar-model, model-import, error-analysis, error-analysis-report,
 * error-analysis-assertj and examples itself; error-analysis-spark checks its own in SparkArchitectureTest). A
 * violation fails {@code mvn verify} with the offending classes named.
 */
@AnalyzeClasses(packages = PROJECT, importOptions = MainClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule no_package_cycles = ArchitectureRules.noPackageCycles(PROJECT);

    @ArchTest
    static final ArchRule stats_imports_only_io = ArchitectureRules.statsImportsOnlyIo(PROJECT);

    @ArchTest
    static final ArchRule json_imports_only_stats_and_io = ArchitectureRules.jsonImportsOnlyStatsAndIo(PROJECT);

    @ArchTest
    static final ArchRule root_imports_no_layer_above = ArchitectureRules.rootImportsNoLayerAbove(PROJECT);

    @ArchTest
    static final ArchRule core_imports_no_other_module = ArchitectureRules.coreImportsNoOtherModule(PROJECT);

    @ArchTest
    static final ArchRule core_uses_no_charts_assertions_or_progress_bar =
            ArchitectureRules.coreUsesNoChartsAssertionsOrProgressBar(PROJECT);

    @ArchTest
    static final ArchRule report_imports_only_the_core = ArchitectureRules.reportImportsOnlyTheCore(PROJECT);

    @ArchTest
    static final ArchRule assertj_imports_only_the_core = ArchitectureRules.assertjImportsOnlyTheCore(PROJECT);

    @ArchTest
    static final ArchRule cifar_imports_only_the_core_and_io =
            ArchitectureRules.cifarImportsOnlyTheCoreAndIo(PROJECT);

    @ArchTest
    static final ArchRule nothing_below_imports_model_import =
            ArchitectureRules.nothingBelowImportsModelImport(PROJECT);

    @ArchTest
    static final ArchRule corruption_imports_no_model_suite_or_report =
            ArchitectureRules.corruptionImportsNoModelSuiteOrReport(PROJECT);

    @ArchTest
    static final ArchRule no_shaded_jackson = ArchitectureRules.noShadedJackson();

    @ArchTest
    static final ArchRule no_internal_package = ArchitectureRules.noInternalPackage();
}
