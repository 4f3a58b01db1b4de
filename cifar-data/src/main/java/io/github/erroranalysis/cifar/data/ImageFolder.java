package io.github.erroranalysis.cifar.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a folder of labelled photos, one subfolder per class, into a {@link CifarDataset}, so that users can bring
 * their own images: {@code folder/cat/1.png}, {@code folder/dog/a.jpg}, …
 *
 * <p>Every file in a class folder or below whose extension (any letter case) is one that {@link ImageIO} reads
 * ({@link #EXTENSIONS}: {@code .png}, {@code .jpg}, {@code .jpeg}, {@code .bmp}, {@code .gif}, {@code .tif},
 * {@code .tiff}, {@code .wbmp} on a plain JDK, more with ImageIO plug-ins; the same formats
 * {@link CifarImages#read} and so {@code predict} accept) is read through {@link ImageIO} and converted by
 * {@link CifarImages#toCifarPixels}: any size, stretched to 32×32 by area averaging (bilinear along an axis shorter
 * than 32), grayscale copied into the three channels, alpha composited on white. A file with another extension is
 * skipped, never silently: a warning names how many were skipped and the first few. Folders and files whose names
 * start with a dot (such as {@code .DS_Store}) are skipped without a word. Examples
 * come class by class in label order, and within a class sorted by relative path; each has the origin
 * {@code (relative path with '/' separators, 0)}, for example {@code cat/1.png#0}.
 */
public final class ImageFolder {

    /** File name extensions read as images: every suffix {@link ImageIO} has a reader for, lowercase, sorted. */
    public static final List<String> EXTENSIONS = readerSuffixes();
    /** How many skipped files a warning names (it counts them all). */
    private static final int SKIPPED_NAMED = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);

    private ImageFolder() {
    }

    /**
     * Reads a folder whose subfolders are the classes; the class names are the subfolder names sorted by
     * {@link String#compareTo} (so independent of the machine's locale).
     *
     * @param folder the folder holding one subfolder per class
     * @return the images, labelled by subfolder, with their relative paths as origins
     * @throws CifarFormatException if there are no class subfolders (the message says what the folder holds
     *                              instead, for example 12 images at the top level), a class folder holds no image
     *                              (the message names the folder) or an image is unreadable (the message names
     *                              the file)
     * @throws IOException          if the folder does not exist or cannot be listed
     */
    public static CifarDataset read(Path folder) throws IOException {
        List<String> subfolders = classFolders(folder);
        if (subfolders.isEmpty()) {
            throw noClassFolders(folder, "");
        }
        return read(folder, subfolders);
    }

    /**
     * Reads a folder with the given classes, in the given label order; a class without a subfolder simply has no
     * examples (so photos of some CIFAR-10 classes can be read with {@link Cifar10#CLASS_NAMES}).
     *
     * @param folder     the folder holding one subfolder per class
     * @param classNames the class names in label order; every subfolder must be one of them
     * @return the images, labelled by subfolder, with their relative paths as origins
     * @throws CifarFormatException if a subfolder is not a listed class, no class has a subfolder (the message says
     *                              what the folder holds instead), a class folder holds no image (the message
     *                              names the folder) or an image is unreadable (the message names the file)
     * @throws IOException          if the folder does not exist or cannot be listed
     * @throws IllegalArgumentException if the class names are empty, repeated or more than 256
     */
    public static CifarDataset read(Path folder, List<String> classNames) throws IOException {
        List<String> names = List.copyOf(classNames);
        if (names.isEmpty() || names.size() > CifarDataset.MAX_CLASSES || new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("class names must be 1.." + CifarDataset.MAX_CLASSES
                    + " distinct names, got " + names);
        }
        List<String> subfolders = classFolders(folder);
        for (String subfolder : subfolders) {
            if (!names.contains(subfolder)) {
                throw new CifarFormatException(folder.resolve(subfolder) + ": subfolder '" + subfolder
                        + "' is not one of the classes " + names);
            }
        }
        if (names.stream().noneMatch(name -> isPlainName(name) && Files.isDirectory(folder.resolve(name)))) {
            throw noClassFolders(folder, " named after any of the classes " + names);
        }
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        for (int label = 0; label < names.size(); label++) {
            if (!isPlainName(names.get(label))) {
                continue; // "a/b" or "..": no subfolder can have that name, and nothing outside the folder is read
            }
            Path classFolder = folder.resolve(names.get(label));
            if (!Files.isDirectory(classFolder)) {
                continue;
            }
            List<Path> others = new ArrayList<>();
            List<Path> files = imageFiles(classFolder, others);
            if (files.isEmpty()) {
                throw new CifarFormatException(classFolder + ": class folder '" + names.get(label)
                        + "' holds no image (expected ." + String.join(", .", EXTENSIONS) + " files"
                        + (others.isEmpty() ? "" : "; found " + describeSkipped(folder, others)) + ")");
            }
            skipped.addAll(others);
            for (Path file : files) {
                images.add(CifarImages.read(file));
                labels.add(label);
                origins.add(new Origin(relativeName(folder, file), 0));
            }
            LOG.debug("read {} images of class '{}' from {}", files.size(), names.get(label), classFolder);
        }
        byte[] labelBytes = new byte[labels.size()];
        for (int i = 0; i < labelBytes.length; i++) {
            labelBytes[i] = (byte) (int) labels.get(i);
        }
        CifarDataset data = CifarDataset.wrap(images.toArray(new byte[0][]), labelBytes,
                origins.toArray(new Origin[0]), names);
        if (!skipped.isEmpty()) {
            LOG.warn("{}: skipped {} (read are the extensions .{})", folder, describeSkipped(folder, skipped),
                    String.join(", .", EXTENSIONS));
        }
        LOG.info("read {} images of {} classes from {}", data.size(), names.size(), folder);
        return data;
    }

    /** The suffixes ImageIO has readers for (plug-ins included), lowercase and sorted. */
    private static List<String> readerSuffixes() {
        TreeSet<String> suffixes = new TreeSet<>();
        for (String suffix : ImageIO.getReaderFileSuffixes()) {
            if (suffix != null && !suffix.isBlank()) {
                suffixes.add(suffix.strip().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(suffixes);
    }

    /** Says how many files are not images by their extension, naming the first few by their path under the folder. */
    private static String describeSkipped(Path folder, List<Path> skipped) {
        List<String> named = skipped.stream().limit(SKIPPED_NAMED).map(file -> relativeName(folder, file)).toList();
        String what = skipped.size() == 1 ? "1 file that is not an image"
                : skipped.size() + " files that are not images";
        return what + ": " + String.join(", ", named) + (skipped.size() > named.size() ? ", …" : "");
    }

    /** Whether a class name can name a subfolder: one path segment, not {@code .} or {@code ..}. */
    private static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    /** Says that no class subfolder was found, and what the folder holds instead. */
    private static CifarFormatException noClassFolders(Path folder, String which) throws IOException {
        long images;
        long others;
        long folders;
        try (Stream<Path> entries = Files.list(folder)) {
            List<Path> visible = entries.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            images = visible.stream().filter(Files::isRegularFile).filter(ImageFolder::isImageName).count();
            folders = visible.stream().filter(Files::isDirectory).count();
            others = visible.size() - images - folders;
        }
        String holds = images + others + folders == 0 ? "the folder is empty"
                : String.format(Locale.ROOT, "found %d image%s and %d other file%s at the top level", images,
                        images == 1 ? "" : "s", others, others == 1 ? "" : "s")
                        + (folders == 0 ? "" : " and " + folders + " other subfolder" + (folders == 1 ? "" : "s"));
        return new CifarFormatException(folder + ": no class subfolders found" + which + " (" + holds + "); expected "
                + "one subfolder per class, for example " + folder.resolve("cat").resolve("1.png"));
    }

    private static List<String> classFolders(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null,
                    "no image folder here (expected a folder with one subfolder per class)");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /**
     * The image files of a class folder, named under the folder as given (a linked class folder is followed); the
     * visible files that are not images are added to {@code skipped}, in the same order.
     */
    private static List<Path> imageFiles(Path classFolder, List<Path> skipped) throws IOException {
        Path real = classFolder.toRealPath();
        List<Path> visible;
        try (Stream<Path> entries = Files.walk(real)) {
            visible = entries.filter(Files::isRegularFile)
                    .map(file -> classFolder.resolve(real.relativize(file).toString()))
                    .filter(file -> !hidden(classFolder, file))
                    .sorted((a, b) -> relativeName(classFolder, a).compareTo(relativeName(classFolder, b)))
                    .toList();
        }
        List<Path> images = new ArrayList<>();
        for (Path file : visible) {
            if (isImageName(file)) {
                images.add(file);
            } else {
                LOG.debug("skipped {}: its extension is none of .{}", file, String.join(", .", EXTENSIONS));
                skipped.add(file);
            }
        }
        return images;
    }

    private static boolean hidden(Path classFolder, Path file) {
        for (Path part : classFolder.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1));
    }

    private static String relativeName(Path folder, Path file) {
        List<String> parts = new ArrayList<>();
        for (Path part : folder.relativize(file)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }
}
