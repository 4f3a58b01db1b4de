package io.github.erroranalysis.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link OutputFoldersKillTest}: writes a synthetic multi-file report of generation N, N+1, …
 * to a folder, over and over (or once), until it is killed, printing {@code started} and then {@code wrote N} after
 * each. Each report is self-checking: {@value #MANIFEST} names
 * the generation and every file, and each file's content is a pure function of the generation and its name.
 */
public final class FolderWriterChild {

    /** The file that lists a report's generation and files. */
    public static final String MANIFEST = "manifest.txt";

    private FolderWriterChild() {
    }

    /**
     * Writes reports until killed.
     *
     * @param args the folder, the first generation, and {@code once}, {@code forever}, a number of writes, or
     *             {@code hold} (take the folder's lock as another run would, print {@code locked}, and keep it
     *             until stdin closes)
     * @throws IOException if a write fails
     */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        long generation = Long.parseLong(args[1]);
        if (args[2].equals("hold")) {
            hold(folder);
            return;
        }
        boolean forever = args[2].equals("forever");
        long times = forever || args[2].equals("once") ? 1 : Long.parseLong(args[2]);
        System.out.println("started");
        System.out.flush();
        for (long i = 0; forever || i < times; i++) {
            OutputFolders.replace(folder, "report folder", report(generation), f -> false);
            System.out.println("wrote " + generation);
            System.out.flush();
            generation++;
        }
    }

    /** Holds a folder's lock file as a run writing it does, until standard input ends. */
    private static void hold(Path folder) throws IOException {
        Path lock = OutputFolders.lockFile(folder.toAbsolutePath().normalize());
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                java.nio.channels.FileLock held = channel.lock()) {
            channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", locked by the test\n")
                    .getBytes(StandardCharsets.UTF_8)));
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our input
            }
        }
    }

    /**
     * Gives the files of one generation's report: twenty files, some in subfolders, of different sizes.
     *
     * @param generation the generation
     * @return relative name to content
     */
    public static Map<String, byte[]> report(long generation) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = i % 3 == 0 ? "figures/f" + i + ".png" : i % 5 == 0 ? "figures/deep/d" + i + ".bin"
                    : "file" + i + ".txt";
            names.add(name);
            files.put(name, content(generation, name));
        }
        files.put(MANIFEST, ("generation " + generation + "\n" + String.join("\n", names) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /**
     * Gives the content of one file of a generation.
     *
     * @param generation the generation
     * @param name the file's relative name
     * @return its bytes, between 1 and about 40 KB
     */
    public static byte[] content(long generation, String name) {
        String line = "generation " + generation + " file " + name + "\n";
        return line.repeat(1 + (int) ((generation * 31 + name.hashCode() & 0x7fffffff) % 800))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Tells which generation a folder holds completely: every file of the manifest with exactly its content, and
     * nothing else but the marker.
     *
     * @param folder the folder
     * @return the generation
     * @throws IOException if the folder is not one complete report (the message says why)
     */
    public static long completeGeneration(Path folder) throws IOException {
        Path manifest = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IOException(folder + ": no " + MANIFEST);
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        long generation = Long.parseLong(lines.get(0).substring("generation ".length()));
        Map<String, byte[]> expected = report(generation);
        List<String> present = new ArrayList<>();
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                present.add(folder.relativize(p).toString().replace('\\', '/'));
            }
        }
        present.remove(OutputFolders.MARKER);
        if (present.size() != expected.size() || !expected.keySet().containsAll(present)) {
            throw new IOException(folder + ": generation " + generation + " holds " + present.size() + " files "
                    + present + ", expected " + expected.keySet());
        }
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            if (!java.util.Arrays.equals(Files.readAllBytes(folder.resolve(e.getKey())), e.getValue())) {
                throw new IOException(folder + ": " + e.getKey() + " of generation " + generation + " differs");
            }
        }
        if (!Files.isRegularFile(folder.resolve(OutputFolders.MARKER))) {
            throw new IOException(folder + ": no marker");
        }
        return generation;
    }
}
