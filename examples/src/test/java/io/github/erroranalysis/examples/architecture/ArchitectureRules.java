package io.github.erroranalysis.examples.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The project's architecture as ArchUnit rules, each over the packages below one root package: the real one
 * ({@link #PROJECT}) in {@link ArchitectureTest} and a small fixture with deliberate violations in
 * {@link ArchitectureRulesTest}, which proves that every rule can fail.
 */
public final class ArchitectureRules {

    /** The root package of the project: the core's facade and values live here, every module below it. */
    public static final String PROJECT = "io.github.erroranalysis";

    private ArchitectureRules() {
    }

    /**
     * No cycle among the packages below the root: each package is one slice.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule noPackageCycles(String root) {
        return slices().assignedFrom(eachPackageBelow(root)).should().beFreeOfCycles()
                .as("no cycle among the packages of " + root);
    }

    /**
     * The statistics layer works on counts: it imports nothing of the project but itself and the io module.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule statsImportsOnlyIo(String root) {
        return importsOnlyItselfAndIo(root, "stats");
    }

    /**
     * The JSON codec imports nothing of the project but itself, the statistics (it writes their intervals: one
     * interval writer) and the io module; it never imports the facade.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule jsonImportsOnlyStatsAndIo(String root) {
        return noClasses().that().resideInAPackage(below(root, "json")).should()
                .dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAnyPackage(below(root, "json"),
                        below(root, "stats"), below(root, "io")))))
                .as(root + ".json imports nothing of the project but itself, " + root + ".stats and " + root
                        + ".io");
    }

    /**
     * The root package (the facade and its values) never imports the report, the assertions, the gates, Spark,
     * the CIFAR modules or the examples: they all build on it.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule rootImportsNoLayerAbove(String root) {
        return noClasses().that().resideInAPackage(root).should().dependOnClassesThat()
                .resideInAnyPackage(below(root, "report"), below(root, "assertj"), below(root, "gate"),
                        below(root, "spark"), below(root, "cifar"), below(root, "examples"))
                .as("the root package " + root + " imports no report, assertj, gate, spark, cifar or examples");
    }

    /**
     * The core artifact (every package below the root that no other module owns) never imports the report, the
     * assertions, Spark, the CIFAR modules or the examples.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule coreImportsNoOtherModule(String root) {
        return noClasses().that(core(root)).should().dependOnClassesThat()
                .resideInAnyPackage(below(root, "report"), below(root, "assertj"), below(root, "spark"),
                        below(root, "cifar"), below(root, "examples"), below(root, "corruption"),
                        below(root, "robustness"))
                .as("the core imports no report, assertj, spark, cifar, examples, corruption or robustness");
    }

    /**
     * The core draws nothing, asserts nothing and shows no progress bar: no chart library, no AssertJ, no progress
     * bar in its classes.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule coreUsesNoChartsAssertionsOrProgressBar(String root) {
        return noClasses().that(core(root)).should().dependOnClassesThat()
                .resideInAnyPackage("org.jfree..", "org.assertj..", "me.tongfei..")
                .as("the core uses no org.jfree, org.assertj or me.tongfei");
    }

    /**
     * The report builds on the core and the gates, never on the assertions, Spark, the CIFAR modules or the
     * examples.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule reportImportsOnlyTheCore(String root) {
        return noClasses().that().resideInAPackage(below(root, "report")).should().dependOnClassesThat()
                .resideInAnyPackage(below(root, "assertj"), below(root, "spark"), below(root, "cifar"),
                        below(root, "examples"))
                .as("the report imports no assertj, spark, cifar or examples");
    }

    /**
     * The assertions build on the core and the gates, never on the report, Spark, the CIFAR modules or the
     * examples.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule assertjImportsOnlyTheCore(String root) {
        return noClasses().that().resideInAPackage(below(root, "assertj")).should().dependOnClassesThat()
                .resideInAnyPackage(below(root, "report"), below(root, "spark"), below(root, "cifar"),
                        below(root, "examples"))
                .as("the assertions import no report, spark, cifar or examples");
    }

    /**
     * The CIFAR modules build on the io module and the core (the analysis knows nothing of CIFAR), never on the
     * report, the assertions, Spark or the examples.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule cifarImportsOnlyTheCoreAndIo(String root) {
        return noClasses().that().resideInAPackage(below(root, "cifar")).should().dependOnClassesThat()
                .resideInAnyPackage(below(root, "report"), below(root, "assertj"), below(root, "spark"),
                        below(root, "examples"), below(root, "corruption"), below(root, "robustness"))
                .as("the CIFAR modules import no report, assertj, spark, examples, corruption or robustness");
    }

    /**
     * The corruptions are pure functions of image bytes: {@code corruption} imports no ND4J, no Deeplearning4j, no
     * model ({@code cifar.model}), no robustness suite and no report (cifar-data's data set it may).
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule corruptionImportsNoModelSuiteOrReport(String root) {
        return noClasses().that().resideInAPackage(below(root, "corruption")).should().dependOnClassesThat()
                .resideInAnyPackage("org.nd4j..", "org.deeplearning4j..", below(root, "cifar.model"),
                        below(root, "robustness"), below(root, "report"))
                .as("the corruptions import no org.nd4j, org.deeplearning4j, cifar.model, robustness or report");
    }

    /**
     * Model import builds on the core and the CIFAR modules, never the other way: nothing in the core (the root,
     * {@code stats}, {@code json}, {@code gate}) or in the report imports {@code modelimport}.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule nothingBelowImportsModelImport(String root) {
        return noClasses().that().resideInAnyPackage(root, below(root, "stats"), below(root, "json"),
                        below(root, "gate"), below(root, "report"), below(root, "cifar"))
                .should().dependOnClassesThat().resideInAPackage(below(root, "modelimport"))
                .as("the core (root, stats, json, gate), the report and the CIFAR modules import no modelimport");
    }

    /**
     * No class uses ND4J's shaded copy of Jackson, which is not a public API (its shaded protobuf is another
     * matter).
     *
     * @return the rule
     */
    public static ArchRule noShadedJackson() {
        return noClasses().should().dependOnClassesThat().resideInAPackage("org.nd4j.shade.jackson..")
                .as("no class uses org.nd4j.shade.jackson");
    }

    /**
     * Nothing public is named internal: no package has a name part starting with {@code internal}.
     *
     * @return the rule
     */
    public static ArchRule noInternalPackage() {
        return noClasses().should().haveNameMatching("(.*\\.)?internal[^.]*\\..+")
                .as("no package is named internal*");
    }

    private static ArchRule importsOnlyItselfAndIo(String root, String layer) {
        return noClasses().that().resideInAPackage(below(root, layer)).should()
                .dependOnClassesThat(resideInAPackage(root + "..")
                        .and(not(resideInAnyPackage(below(root, layer), below(root, "io")))))
                .as(root + "." + layer + " imports nothing of the project but itself and " + root + ".io");
    }

    private static DescribedPredicate<JavaClass> core(String root) {
        return resideInAPackage(root + "..")
                .and(not(resideInAnyPackage(below(root, "io"), below(root, "report"), below(root, "assertj"),
                        below(root, "spark"), below(root, "cifar"), below(root, "examples"),
                        below(root, "modelimport"), below(root, "corruption"), below(root, "robustness"))))
                .as("classes of the core");
    }

    private static String below(String root, String part) {
        return root + "." + part + "..";
    }

    private static SliceAssignment eachPackageBelow(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(root) || name.startsWith(root + ".") ? SliceIdentifier.of(name)
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "each package below " + root;
            }
        };
    }
}
