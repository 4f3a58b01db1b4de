package com.example.io;

import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.ForeignFolderException;
import io.github.erroranalysis.io.OutputFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A user's program that depends on error-analysis-io alone: writes a file atomically (and replaces it), writes an
 * output folder (and replaces it), and is refused a folder of someone else's files, which stays as it was.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the three checks in a fresh folder; any difference from what the library promises throws.
     *
     * @param args the folder to work in (created; emptied first)
     * @throws IOException if writing fails where it should not
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        if (Files.exists(root)) {
            deleteTree(root);
        }
        Files.createDirectories(root);
        writeFile(root);
        writeFolder(root);
        refuseForeignFolder(root);
        checkModuleName(AtomicFiles.class, "io.github.erroranalysis.io");
        System.out.println("consumer-io: wrote a file atomically, wrote and replaced a folder, refused a foreign "
                + "folder in " + root);
    }

    /** A file written, then replaced: its content each time, and no temporary file left beside it. */
    private static void writeFile(Path root) throws IOException {
        Path file = root.resolve("notes.txt");
        AtomicFiles.write(file, "first\n".getBytes(StandardCharsets.UTF_8));
        check(Files.readString(file).equals("first\n"), "notes.txt after the first write: " + Files.readString(file));
        AtomicFiles.write(file, out -> out.write("second\n".getBytes(StandardCharsets.UTF_8)));
        check(Files.readString(file).equals("second\n"), "notes.txt after the second write: "
                + Files.readString(file));
        check(names(root).equals(List.of("notes.txt")), "the folder after two atomic writes holds " + names(root)
                + ", expected only notes.txt (no temporary file left)");
    }

    /** A folder written with a subfolder, then replaced by a smaller version: exactly the new files remain. */
    private static void writeFolder(Path root) throws IOException {
        Path report = root.resolve("report");
        Map<String, byte[]> first = new LinkedHashMap<>();
        first.put("report.md", "# one\n".getBytes(StandardCharsets.UTF_8));
        first.put("figures/a.png", new byte[] {1, 2, 3});
        Path written = OutputFolders.replace(report, "report folder", first, f -> false);
        check(written.equals(report.toRealPath()), "replace returned " + written + ", expected " + report);
        check(Files.readString(report.resolve("report.md")).equals("# one\n"), "report/report.md after the first "
                + "write");
        check(Arrays.equals(Files.readAllBytes(report.resolve("figures/a.png")), new byte[] {1, 2, 3}),
                "report/figures/a.png after the first write");
        check(Files.isRegularFile(report.resolve(OutputFolders.MARKER)), "report/" + OutputFolders.MARKER
                + " is missing after the first write");

        Map<String, byte[]> second = new LinkedHashMap<>();
        second.put("report.md", "# two\n".getBytes(StandardCharsets.UTF_8));
        OutputFolders.replace(report, "report folder", second, f -> false);
        check(Files.readString(report.resolve("report.md")).equals("# two\n"), "report/report.md after the "
                + "replacement: " + Files.readString(report.resolve("report.md")));
        check(!Files.exists(report.resolve("figures")), "report/figures survived a replacement that did not write it");
        check(names(report).equals(List.of(OutputFolders.MARKER, "report.md")), "report holds " + names(report)
                + " after the replacement, expected only the marker and report.md");
        check(names(root).equals(List.of("notes.txt", "report")), "the working folder holds " + names(root)
                + ", expected notes.txt and report (no hidden staging or old folders left)");
    }

    /** A folder of a user's files is refused, naming it and what it holds; not a byte of it changes. */
    private static void refuseForeignFolder(Path root) throws IOException {
        Path thesis = root.resolve("thesis");
        Files.createDirectories(thesis.resolve("sub"));
        Files.writeString(thesis.resolve("thesis.txt"), "my thesis\n");
        try {
            OutputFolders.replace(thesis, "report folder", Map.of("report.md", new byte[] {42}), f -> false);
            throw new IllegalStateException("a folder of the user's own files was replaced: " + thesis);
        } catch (ForeignFolderException e) {
            check(e.folder().equals(thesis), "the refusal names " + e.folder() + ", expected " + thesis);
            check(e.getMessage().startsWith(thesis.toString()) && e.getMessage().contains("thesis.txt")
                    && e.getMessage().contains("sub/"), "the refusal's message does not name the folder and what "
                    + "it holds: " + e.getMessage());
        }
        check(Files.readString(thesis.resolve("thesis.txt")).equals("my thesis\n"), "thesis/thesis.txt changed");
        check(names(thesis).equals(List.of("sub", "thesis.txt")), "thesis holds " + names(thesis)
                + " after the refusal, expected sub and thesis.txt");
        check(names(root).equals(List.of("notes.txt", "report", "thesis")), "the working folder holds "
                + names(root) + " after the refusal, expected notes.txt, report and thesis");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException("consumer-io: " + problem);
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Fails unless the jar a class was loaded from names the module in its manifest's Automatic-Module-Name. */
    private static void checkModuleName(Class<?> type, String expected) throws IOException {
        Path file;
        try {
            file = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName() + ": " + e.getMessage(), e);
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            String name = jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            if (!expected.equals(name)) {
                throw new IllegalStateException("expected Automatic-Module-Name " + expected + " in " + file
                        + ", but got " + name);
            }
        }
    }
}
