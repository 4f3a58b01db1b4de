package io.github.erroranalysis.modelimport;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.erroranalysis.io.AtomicFiles;
import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.json.JsonCodec;
import io.github.erroranalysis.json.StrictJson;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The small JSON file beside an imported model that records its preprocessing, class names and reference files, so
 * that a model and its preprocessing travel together: {@code cnn.onnx.json} beside {@code cnn.onnx}
 * ({@link #beside}). Written through the core's {@link JsonCodec} ({@code {"schemaVersion": 2, "type":
 * "modelImport", ...}}), read strictly: an unknown key or a value of the wrong type is a one-line
 * {@link ModelImportException} naming the file and the key. The schema is {@link #SCHEMA}.
 *
 * <p>Every key but {@code schemaVersion} and {@code type} may be left out (null here): the defaults then apply. The
 * reference files' paths are written relative to the sidecar's folder and resolved against it when read.
 *
 * @param file the sidecar file (where it was read from or is to be written)
 * @param inputLayout the layout the model takes, or null for the one its file declares
 * @param inputScale what pixels are divided by first, or null for 255
 * @param inputMean one or three means in the scaled units, in the model's channel order, or null for 0
 * @param inputStd one or three standard deviations in the scaled units, or null for 1
 * @param bgr whether the model takes BGR channels, or null for RGB
 * @param classNames the class names in output order, or null
 * @param referenceInputs the reference images, resolved against the sidecar's folder, or null
 * @param referenceOutputs the original framework's probabilities on them, resolved, or null
 * @param referenceTolerance the tolerance of the reference check, or null for the default
 */
public record Sidecar(Path file, InputLayout inputLayout, Double inputScale, double[] inputMean, double[] inputStd,
                      Boolean bgr, List<String> classNames, Path referenceInputs, Path referenceOutputs,
                      Double referenceTolerance) {

    /** The document type of a sidecar file. */
    public static final String TYPE = "modelImport";

    /** The class-path resource of the sidecar's JSON Schema. */
    public static final String SCHEMA = "/io/github/erroranalysis/modelimport/model-import.schema.json";

    /** The first schemaVersion of a sidecar (sidecars came with the library-wide version 2); still read. */
    static final int FIRST_SCHEMA_VERSION = 2;

    /** The newest schemaVersion of a sidecar read, the one written (the library's); older ones are read too. */
    static final int SCHEMA_VERSION = JsonCodec.SCHEMA_VERSION;

    /** The keys of a sidecar, in the order they are written. */
    public static final List<String> KEYS = List.of("schemaVersion", "type", "inputLayout", "inputScale",
            "inputMean", "inputStd", "bgr", "classNames", "referenceInputs", "referenceOutputs",
            "referenceTolerance");

    /** The largest sidecar read: a sidecar is a few hundred bytes. */
    public static final long MAX_BYTES = 1 << 20;

    private static final int QUOTED = 60;

    /**
     * Checks the file and copies the arrays.
     *
     * @param file the sidecar file
     * @param inputLayout the layout, or null
     * @param inputScale the scale, or null
     * @param inputMean the means, or null
     * @param inputStd the standard deviations, or null
     * @param bgr BGR, or null
     * @param classNames the class names, or null
     * @param referenceInputs the reference images, or null
     * @param referenceOutputs the reference probabilities, or null
     * @param referenceTolerance the tolerance, or null
     */
    public Sidecar {
        Objects.requireNonNull(file, "file");
        inputMean = inputMean == null ? null : inputMean.clone();
        inputStd = inputStd == null ? null : inputStd.clone();
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    /**
     * Gives where a model's sidecar is: the model file's name with {@code .json} added, in the same folder.
     *
     * @param model the model file
     * @return for example {@code cnn.onnx.json} beside {@code cnn.onnx}
     */
    public static Path beside(Path model) {
        return model.resolveSibling(model.getFileName() + ".json");
    }

    /**
     * Returns the means as given (one or three), or null.
     *
     * @return a copy
     */
    @Override
    public double[] inputMean() {
        return inputMean == null ? null : inputMean.clone();
    }

    /**
     * Returns the standard deviations as given (one or three), or null.
     *
     * @return a copy
     */
    @Override
    public double[] inputStd() {
        return inputStd == null ? null : inputStd.clone();
    }

    /**
     * Gives the preprocessing the sidecar records, the defaults ({@link Preprocessing#DEFAULT}) for what it leaves
     * out.
     *
     * @return the preprocessing
     * @throws ModelImportException if the values do not make a preprocessing (the message names the file)
     */
    public Preprocessing preprocessing() throws ModelImportException {
        Preprocessing d = Preprocessing.DEFAULT;
        try {
            return new Preprocessing(inputLayout, inputScale == null ? d.scale() : inputScale,
                    inputMean == null ? d.mean() : inputMean, inputStd == null ? d.std() : inputStd,
                    bgr != null && bgr);
        } catch (IllegalArgumentException e) {
            throw new ModelImportException(file + ": " + Messages.oneLine(e), e);
        }
    }

    /**
     * Makes the sidecar of a preprocessing and, optionally, class names and reference files.
     *
     * @param file where it is to be written
     * @param preprocessing the preprocessing (every key written; the layout only when set)
     * @param classNames the class names, or null
     * @param referenceInputs the reference images, or null
     * @param referenceOutputs the reference probabilities, or null
     * @param referenceTolerance the tolerance, or null
     * @return the sidecar
     */
    public static Sidecar of(Path file, Preprocessing preprocessing, List<String> classNames, Path referenceInputs,
            Path referenceOutputs, Double referenceTolerance) {
        return new Sidecar(file, preprocessing.layout(), preprocessing.scale(), preprocessing.mean(),
                preprocessing.std(), preprocessing.bgr(), classNames, referenceInputs, referenceOutputs,
                referenceTolerance);
    }

    /**
     * Gives the sidecar's JSON: {@code schemaVersion}, {@code type} and each key that is set, paths relative to the
     * sidecar's folder where they are inside it.
     *
     * @return the JSON text, indented, ending with a line break
     */
    public String json() {
        return JsonCodec.document(TYPE, true, g -> {
            if (inputLayout != null) {
                g.writeStringField("inputLayout", inputLayout.name());
            }
            if (inputScale != null) {
                g.writeNumberField("inputScale", inputScale);
            }
            numbers(g, "inputMean", inputMean);
            numbers(g, "inputStd", inputStd);
            if (bgr != null) {
                g.writeBooleanField("bgr", bgr);
            }
            if (classNames != null) {
                g.writeArrayFieldStart("classNames");
                for (String n : classNames) {
                    g.writeString(n);
                }
                g.writeEndArray();
            }
            if (referenceInputs != null) {
                g.writeStringField("referenceInputs", relative(referenceInputs));
            }
            if (referenceOutputs != null) {
                g.writeStringField("referenceOutputs", relative(referenceOutputs));
            }
            if (referenceTolerance != null) {
                g.writeNumberField("referenceTolerance", referenceTolerance);
            }
        });
    }

    /**
     * Writes the sidecar to its file, atomically (an existing one is replaced only when the new one is complete).
     *
     * @throws IOException if it cannot be written
     */
    public void write() throws IOException {
        AtomicFiles.write(file, json().getBytes(StandardCharsets.UTF_8));
    }

    private static void numbers(JsonGenerator g, String key, double[] values) throws IOException {
        if (values == null) {
            return;
        }
        if (values.length == 1) {
            g.writeNumberField(key, values[0]);
            return;
        }
        g.writeArrayFieldStart(key);
        for (double v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }

    private String relative(Path p) {
        Path folder = file.toAbsolutePath().normalize().getParent();
        Path absolute = p.toAbsolutePath().normalize();
        String s = folder != null && absolute.startsWith(folder) ? folder.relativize(absolute).toString()
                : p.toString();
        return s.replace('\\', '/');
    }

    /**
     * Reads a sidecar strictly: schemaVersion {@value #FIRST_SCHEMA_VERSION} to {@value #SCHEMA_VERSION}, type
     * {@value #TYPE}, only the keys of {@link #KEYS}, each of its type (UTF-8, a byte-order mark allowed).
     *
     * @param file the sidecar file
     * @return the sidecar, its reference paths resolved against its folder
     * @throws ModelImportException naming the file and the offending key and value, in one line
     * @throws IOException if the file cannot be read
     */
    public static Sidecar read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelImportException(file + ": no such sidecar file" + (Files.exists(file)
                    ? " (it is not a regular file)" : ""));
        }
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new ModelImportException(file + ": a sidecar of " + size + " bytes; a sidecar is a small JSON "
                    + "object (at most " + MAX_BYTES + " bytes)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ModelImportException(file + ": not UTF-8 text; a sidecar is a JSON object", e);
        }
        return parse(text, file);
    }

    /**
     * Reads a sidecar's text strictly, as {@link #read} does.
     *
     * @param json the text
     * @param file the file it came from (for messages and to resolve the reference paths)
     * @return the sidecar
     * @throws ModelImportException naming the file and the offending key and value, in one line
     */
    public static Sidecar parse(String json, Path file) throws ModelImportException {
        Reader r = new Reader(file);
        Object root = StrictJson.read(json, new StrictJson.Dialect("a sidecar", 16, false,
                key -> "the key " + Reader.quote(key) + " appears twice"), (problem, cause) -> r.fail(problem));
        return r.sidecar(root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sidecar s && file.equals(s.file) && inputLayout == s.inputLayout
                && Objects.equals(inputScale, s.inputScale) && Arrays.equals(inputMean, s.inputMean)
                && Arrays.equals(inputStd, s.inputStd) && Objects.equals(bgr, s.bgr)
                && Objects.equals(classNames, s.classNames) && Objects.equals(referenceInputs, s.referenceInputs)
                && Objects.equals(referenceOutputs, s.referenceOutputs)
                && Objects.equals(referenceTolerance, s.referenceTolerance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, inputLayout, inputScale, Arrays.hashCode(inputMean), Arrays.hashCode(inputStd), bgr,
                classNames, referenceInputs, referenceOutputs, referenceTolerance);
    }

    /** Says the sidecar's file and the keys it sets. */
    @Override
    public String toString() {
        return "Sidecar[" + file + ": " + json().replaceAll("\\s+", " ").strip() + "]";
    }

    /**
     * Why a sidecar's {@code schemaVersion} is not read by a library whose newest sidecar version is {@code newest}
     * (every version from {@value #FIRST_SCHEMA_VERSION} to it is), or null when it is read.
     *
     * @param version the key's value as parsed (a Double for a number)
     * @param newest the newest version read
     * @return the problem in words, or null
     */
    static String versionProblem(Object version, int newest) {
        String reads = "this version reads sidecars of schemaVersion " + FIRST_SCHEMA_VERSION
                + (newest == FIRST_SCHEMA_VERSION ? " only" : " to " + newest);
        if (!(version instanceof Double v && v == Math.rint(v) && v >= FIRST_SCHEMA_VERSION)) {
            return reads;
        }
        return v > newest ? "a sidecar of a newer version of the library; " + reads : null;
    }

    /** The strict reader of one file: a small tree from the parser, then every key checked. */
    private static final class Reader {

        private final Path file;

        Reader(Path file) {
            this.file = file;
        }

        ModelImportException fail(String problem) {
            return new ModelImportException(file + ": " + problem);
        }

        ModelImportException fail(String key, Object value, String problem) {
            return fail("key '" + key + "' is " + quote(value) + ": " + problem);
        }

        @SuppressWarnings("unchecked")
        Sidecar sidecar(Object root) throws ModelImportException {
            if (!(root instanceof Map)) {
                throw fail("not a sidecar: expected a JSON object, found " + quote(root));
            }
            Map<String, Object> m = (Map<String, Object>) root;
            if (m.containsKey("type") && !TYPE.equals(m.get("type"))) {
                throw fail("type", m.get("type"), "not a model-import sidecar (its type is \"" + TYPE + "\")");
            }
            for (String k : m.keySet()) {
                if (!KEYS.contains(k)) {
                    String shown = quote(k);
                    throw fail("unknown key '" + shown.substring(1, shown.length() - (shown.endsWith("...") ? 3 : 1))
                            + "' (the keys are " + String.join(", ", KEYS) + ")");
                }
            }
            for (String k : List.of("schemaVersion", "type")) {
                if (!m.containsKey(k)) {
                    throw fail("the key '" + k + "' is missing");
                }
            }
            String versionProblem = versionProblem(m.get("schemaVersion"), SCHEMA_VERSION);
            if (versionProblem != null) {
                throw fail("schemaVersion", m.get("schemaVersion"), versionProblem);
            }
            InputLayout layout = null;
            if (m.containsKey("inputLayout")) {
                String typed = text("inputLayout", m.get("inputLayout"));
                if (!typed.equals("NCHW") && !typed.equals("NHWC")) {
                    throw fail("inputLayout", typed, "expected \"NCHW\" (channels first, PyTorch) or \"NHWC\" "
                            + "(channels last, Keras)");
                }
                layout = InputLayout.valueOf(typed);
            }
            Double scale = m.containsKey("inputScale") ? positive("inputScale", m.get("inputScale")) : null;
            double[] mean = m.containsKey("inputMean") ? channels("inputMean", m.get("inputMean"), false) : null;
            double[] std = m.containsKey("inputStd") ? channels("inputStd", m.get("inputStd"), true) : null;
            Boolean bgr = null;
            if (m.containsKey("bgr")) {
                if (!(m.get("bgr") instanceof Boolean b)) {
                    throw fail("bgr", m.get("bgr"), "expected true or false");
                }
                bgr = b;
            }
            List<String> names = m.containsKey("classNames") ? names(m.get("classNames")) : null;
            Path inputs = m.containsKey("referenceInputs") ? path("referenceInputs", m.get("referenceInputs")) : null;
            Path outputs = m.containsKey("referenceOutputs") ? path("referenceOutputs", m.get("referenceOutputs"))
                    : null;
            if ((inputs == null) != (outputs == null)) {
                throw fail("gives " + (inputs == null ? "referenceOutputs without referenceInputs"
                        : "referenceInputs without referenceOutputs") + "; give both (the images and the original "
                        + "framework's probabilities on them) or neither");
            }
            Double tolerance = null;
            if (m.containsKey("referenceTolerance")) {
                Object t = m.get("referenceTolerance");
                if (!(t instanceof Double d && d >= 0 && Double.isFinite(d))) {
                    throw fail("referenceTolerance", t, "expected a finite number at least 0, such as 1e-4");
                }
                tolerance = d;
            }
            return new Sidecar(file, layout, scale, mean, std, bgr, names, inputs, outputs, tolerance);
        }

        String text(String key, Object value) throws ModelImportException {
            if (value instanceof String s) {
                return s;
            }
            throw fail(key, value, "expected a string");
        }

        Double positive(String key, Object value) throws ModelImportException {
            if (value instanceof Double d && d > 0 && Double.isFinite(d)) {
                return d;
            }
            throw fail(key, value, "expected a finite number above 0");
        }

        double[] channels(String key, Object value, boolean positive) throws ModelImportException {
            List<Object> list;
            if (value instanceof Double) {
                list = List.of(value);
            } else if (value instanceof List<?> l && (l.size() == 1 || l.size() == 3)) {
                list = new ArrayList<>(l);
            } else {
                throw fail(key, value, "expected a number or a list of three (one per channel)");
            }
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                String at = value instanceof List ? key + "[" + i + "]" : key;
                if (!(list.get(i) instanceof Double d && Double.isFinite(d) && (!positive || d > 0))) {
                    throw fail(at, list.get(i), positive ? "expected a finite number above 0" : "expected a finite "
                            + "number");
                }
                out[i] = d;
            }
            return out;
        }

        List<String> names(Object value) throws ModelImportException {
            if (!(value instanceof List<?> list) || list.isEmpty()) {
                throw fail("classNames", value, "expected a list of class names in the model's output order");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String n = text("classNames[" + i + "]", list.get(i));
                if (n.isBlank() || names.contains(n)) {
                    throw fail("classNames[" + i + "]", n, n.isBlank() ? "a class name is not blank"
                            : "the class names are distinct");
                }
                names.add(n);
            }
            return names;
        }

        Path path(String key, Object value) throws ModelImportException {
            String s = text(key, value);
            if (s.isBlank()) {
                throw fail(key, s, "expected a file name, relative to the sidecar's folder");
            }
            try {
                Path folder = file.toAbsolutePath().getParent();
                return folder == null ? Path.of(s) : folder.resolve(s).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                throw fail(key, s, "not a valid path (" + Messages.oneLine(e) + ")");
            }
        }

        static String quote(Object value) {
            String s = value instanceof String text ? "\"" + text + "\""
                    : value instanceof Map ? "an object" : value instanceof List ? "a list"
                    : value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                    ? String.valueOf(d.longValue()) : String.valueOf(value);
            s = s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", "?");
            return s.length() > QUOTED ? s.substring(0, QUOTED) + "..." : s;
        }
    }
}
