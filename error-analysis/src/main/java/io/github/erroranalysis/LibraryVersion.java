package io.github.erroranalysis;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this library: from {@code version.properties}, which Maven filters at build time. */
final class LibraryVersion {

    /** The version, read once; {@link Provenance#UNKNOWN} only when neither the resource nor a manifest says it. */
    static final String VERSION = read();

    private LibraryVersion() {
    }

    private static String read() {
        try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v.strip();
                }
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = LibraryVersion.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? Provenance.UNKNOWN : v;
    }
}
