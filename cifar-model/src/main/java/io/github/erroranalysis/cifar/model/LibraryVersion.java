package io.github.erroranalysis.cifar.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this library, from a resource Maven fills in at build time. */
final class LibraryVersion {

    private LibraryVersion() {
    }

    /** Returns the library version, or {@code "unknown"} when the resource is missing. */
    static String get() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
