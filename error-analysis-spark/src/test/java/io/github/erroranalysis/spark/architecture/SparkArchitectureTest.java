package io.github.erroranalysis.spark.architecture;

import static io.github.erroranalysis.spark.architecture.SparkArchitecture.PROJECT;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * error-analysis-spark's place in the architecture, checked over the main classes on its test class path (this
 * module, the core, error-analysis-io and the CIFAR modules its tests use). A violation fails {@code mvn verify}.
 */
@AnalyzeClasses(packages = PROJECT, importOptions = SparkArchitecture.MainClassesOnly.class)
class SparkArchitectureTest {

    @ArchTest
    static final ArchRule spark_imports_only_the_core = SparkArchitecture.sparkImportsOnlyTheCore(PROJECT);

    @ArchTest
    static final ArchRule spark_uses_no_shaded_jackson = SparkArchitecture.sparkUsesNoShadedJackson(PROJECT);

    @ArchTest
    static final ArchRule no_internal_package = SparkArchitecture.noInternalPackage();

    @ArchTest
    static final ArchRule no_package_cycles = SparkArchitecture.noPackageCycles(PROJECT);
}
