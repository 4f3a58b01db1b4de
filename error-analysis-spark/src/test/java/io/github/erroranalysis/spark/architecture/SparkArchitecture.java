package io.github.erroranalysis.spark.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.regex.Pattern;

/**
 * The architecture rules of error-analysis-spark, each over the packages below one root package: the real one in
 * {@link SparkArchitectureTest}, a fixture with deliberate violations in {@link SparkArchitectureRulesTest}. The
 * other modules are checked by examples' ArchitectureTest, which does not see this module.
 */
public final class SparkArchitecture {

    /** The root package of the project. */
    public static final String PROJECT = "io.github.erroranalysis";

    private SparkArchitecture() {
    }

    /**
     * Spark builds on the core (its facade, statistics, JSON and gates) and the io module only: never on the
     * report, the assertions, the CIFAR modules or the examples.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule sparkImportsOnlyTheCore(String root) {
        return noClasses().that().resideInAPackage(root + ".spark..").should().dependOnClassesThat()
                .resideInAnyPackage(root + ".report..", root + ".assertj..", root + ".cifar..", root + ".examples..")
                .as("spark imports no report, assertj, cifar or examples");
    }

    /**
     * Spark's classes use no ND4J shaded Jackson (Spark brings its own Jackson 2.15, the core's).
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule sparkUsesNoShadedJackson(String root) {
        return noClasses().that().resideInAPackage(root + ".spark..").should().dependOnClassesThat()
                .resideInAPackage("org.nd4j.shade.jackson..").as("spark uses no org.nd4j.shade.jackson");
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

    /**
     * No cycle among the packages below the root that this module sees (Spark, the core, io): each package is one
     * slice.
     *
     * @param root the root package
     * @return the rule
     */
    public static ArchRule noPackageCycles(String root) {
        return slices().assignedFrom(new SliceAssignment() {
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
        }).should().beFreeOfCycles().as("no cycle among the packages of " + root);
    }

    /** Imports main classes only (jars or class folders, under any build folder name), no test classes. */
    public static final class MainClassesOnly implements ImportOption {

        private static final Pattern TEST_LOCATION = Pattern.compile(".*(/test-classes/|-tests\\.jar).*");

        /** Creates the option; ArchUnit calls this. */
        public MainClassesOnly() {
        }

        @Override
        public boolean includes(Location location) {
            return !location.matches(TEST_LOCATION);
        }
    }
}
