package io.github.erroranalysis.examples.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Imports the main classes of every module (their jars or class folders, under any build folder name) and no
 * test classes: neither a module's test-classes folder nor a tests jar.
 */
public final class MainClassesOnly implements ImportOption {

    private static final Pattern TEST_LOCATION = Pattern.compile(".*(/test-classes/|-tests\\.jar).*");

    /** Creates the option; ArchUnit calls this. */
    public MainClassesOnly() {
    }

    @Override
    public boolean includes(Location location) {
        return !location.matches(TEST_LOCATION);
    }
}
