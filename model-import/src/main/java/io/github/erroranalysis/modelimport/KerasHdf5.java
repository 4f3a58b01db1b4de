package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.io.Messages;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keras's HDF5 files read in pure Java (jHDF): the model configuration and the weights, every declared size checked
 * against the file before data is read, every failure a {@link ModelImportException} naming the file and the object.
 *
 * <p>The file is read into memory once (at most {@link #MAX_FILE_BYTES}), so that no read goes outside it; every jHDF
 * call runs on a daemon thread with a deadline, so that a malformed file whose structures loop cannot hang the
 * caller, and any exception or error it throws (including a stack overflow on a cyclic tree and an allocation
 * failure) becomes a {@link ModelImportException}.
 */
final class KerasHdf5 implements AutoCloseable {

    /** The largest HDF5 file (or {@code .keras} entry) read: 1 GiB. */
    static final long MAX_FILE_BYTES = 1L << 30;
    /** The most time all the jHDF calls on an empty file may take together; {@link #deadlineNanos} adds to it. */
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** One more second for every this many bytes of the file, so that a big model on a busy machine is read. */
    private static final long BYTES_PER_EXTRA_SECOND = 4L << 20;
    /** A deflate stream expands at most about 1032 times. */
    private static final long MAX_EXPANSION = 1032;
    /** The largest attribute read (Keras splits its own at 64 KiB; model configurations are kept whole). */
    private static final long MAX_ATTRIBUTE_BYTES = 64L << 20;
    private static final int MAX_ATTRIBUTE_CHUNKS = 4096;

    private final String source;
    private final long length;
    private final ExecutorService worker;
    private final long budget;
    private final long deadline;
    private HdfFile hdf;

    private KerasHdf5(String source, byte[] bytes) throws ModelImportException {
        this.source = source;
        this.length = bytes.length;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "keras-hdf5-reader");
            t.setDaemon(true);
            return t;
        });
        this.budget = deadlineNanos(bytes.length);
        this.deadline = System.nanoTime() + budget;
        try {
            this.hdf = call("/", () -> HdfFile.fromBytes(bytes));
        } catch (ModelImportException e) {
            worker.shutdownNow();
            throw e;
        }
    }

    /**
     * The time all the jHDF calls on a file of {@code bytes} bytes may take together: 60 s, and 1 s more per 4 MiB.
     *
     * @param bytes the file's length
     * @return the deadline's length in nanoseconds
     */
    static long deadlineNanos(long bytes) {
        return DEADLINE_NANOS + TimeUnit.SECONDS.toNanos(Math.max(0, bytes) / BYTES_PER_EXTRA_SECOND);
    }

    /**
     * Opens an HDF5 file (read whole into memory, at most {@link #MAX_FILE_BYTES}).
     *
     * @param file the file
     * @return the reader; close it
     * @throws IOException if the file cannot be read or is not HDF5 that jHDF can open
     */
    static KerasHdf5 open(Path file) throws IOException {
        return open(file.getFileName() == null ? file.toString() : file.toString(), readAll(file));
    }

    /**
     * Opens an HDF5 file held in memory (a {@code .keras} file's {@code model.weights.h5}).
     *
     * @param source the name for messages ("model.keras!model.weights.h5")
     * @param bytes the file's bytes
     * @return the reader; close it
     * @throws ModelImportException if jHDF cannot open it
     */
    static KerasHdf5 open(String source, byte[] bytes) throws ModelImportException {
        return new KerasHdf5(source, bytes);
    }

    /**
     * Whether an HDF5 file holds a Keras model configuration (the root attribute {@code model_config}), as
     * {@code model.save("m.h5")} writes, rather than weights only.
     *
     * @param file an HDF5 file
     * @return true for a whole model
     * @throws IOException if it cannot be read
     */
    static boolean hasModelConfig(Path file) throws IOException {
        return hasModelConfig(file.toString(), readAll(file));
    }

    /**
     * Whether an HDF5 file held in memory holds a Keras model configuration, as {@link #hasModelConfig(Path)}.
     *
     * @param source the name for messages
     * @param bytes the file's bytes
     * @return true for a whole model
     * @throws ModelImportException if jHDF cannot open it
     */
    static boolean hasModelConfig(String source, byte[] bytes) throws ModelImportException {
        try (KerasHdf5 h5 = open(source, bytes)) {
            return h5.hasAttribute("/", "model_config");
        }
    }

    /**
     * Reads a whole file into memory, refusing one larger than {@link #MAX_FILE_BYTES}.
     *
     * @param file the file
     * @return its bytes
     * @throws IOException if it is too large or cannot be read
     */
    static byte[] readAll(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new ModelImportException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " bytes this importer reads");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readLimited(in, MAX_FILE_BYTES, file.toString());
        }
    }

    /**
     * Reads a stream to its end, refusing more than {@code limit} bytes (whatever size was declared for it).
     *
     * @param in the stream
     * @param limit the most bytes accepted
     * @param source the name for messages
     * @return the bytes
     * @throws IOException if there are more bytes or they cannot be read
     */
    static byte[] readLimited(InputStream in, long limit, String source) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new ModelImportException(source + ": more than " + limit + " bytes, the most this importer "
                        + "reads");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The file, for messages. */
    String source() {
        return source;
    }

    /**
     * Whether the object at {@code path} exists and is a group.
     *
     * @param path an absolute HDF5 path
     * @return true for a group
     * @throws ModelImportException if the file's structure cannot be read
     */
    boolean isGroup(String path) throws ModelImportException {
        return call(path, () -> {
            Node node = find(path);
            return node != null && node.isGroup();
        });
    }

    /**
     * Whether the object at {@code path} exists.
     *
     * @param path an absolute HDF5 path
     * @return true when it exists
     * @throws ModelImportException if the file's structure cannot be read
     */
    boolean exists(String path) throws ModelImportException {
        return call(path, () -> find(path) != null);
    }

    /**
     * The names of a group's members, in the file's order.
     *
     * @param path the group's absolute path
     * @return the names
     * @throws ModelImportException if it is not a group or cannot be read
     */
    List<String> children(String path) throws ModelImportException {
        return call(path, () -> {
            Group group = group(path);
            return new ArrayList<>(group.getChildren().keySet());
        });
    }

    /**
     * Whether an object has an attribute.
     *
     * @param path the object's absolute path
     * @param name the attribute's name
     * @return true when it has it
     * @throws ModelImportException if the object cannot be read
     */
    boolean hasAttribute(String path, String name) throws ModelImportException {
        return call(path, () -> {
            Node node = find(path);
            return node != null && node.getAttributes().containsKey(name);
        });
    }

    /**
     * Reads a text attribute (a fixed- or variable-length string, or bytes, as h5py writes Python's str and bytes).
     *
     * @param path the object's absolute path
     * @param name the attribute's name
     * @return its text, or null if there is no such attribute
     * @throws ModelImportException if it is not text or cannot be read
     */
    String text(String path, String name) throws ModelImportException {
        List<String> values = strings(path, name, false);
        if (values == null) {
            return null;
        }
        if (values.size() != 1) {
            throw new ModelImportException(source + ": HDF5 attribute " + where(path, name) + " holds "
                    + values.size() + " values, expected one text");
        }
        return values.get(0);
    }

    /**
     * Reads a list-of-names attribute as Keras writes it ({@code layer_names}, {@code weight_names}), also when Keras
     * split it into {@code name0}, {@code name1}, … because it exceeded HDF5's header limit; an empty numeric array (as
     * {@code np.asarray([])} of a layer without weights) is the empty list.
     *
     * @param path the object's absolute path
     * @param name the attribute's name
     * @return the names, or null when there is no such attribute (nor chunks of it)
     * @throws ModelImportException if it is not text or cannot be read
     */
    List<String> names(String path, String name) throws ModelImportException {
        List<String> whole = strings(path, name, true);
        if (whole != null) {
            return whole;
        }
        List<String> all = null;
        for (int chunk = 0; chunk < MAX_ATTRIBUTE_CHUNKS; chunk++) {
            List<String> part = strings(path, name + chunk, true);
            if (part == null) {
                break;
            }
            if (all == null) {
                all = new ArrayList<>();
            }
            all.addAll(part);
        }
        return all;
    }

    private List<String> strings(String path, String name, boolean emptyNumericAllowed) throws ModelImportException {
        return call(path + "@" + name, () -> {
            Node node = find(path);
            if (node == null) {
                throw new ModelImportException(source + ": HDF5 object " + path + " is missing");
            }
            Attribute attribute = node.getAttributes().get(name);
            if (attribute == null) {
                return null;
            }
            long bytes = attribute.getSizeInBytes();
            if (bytes < 0 || bytes > Math.min(length, MAX_ATTRIBUTE_BYTES)) {
                throw new ModelImportException(source + ": HDF5 attribute " + where(path, name) + " declares "
                        + bytes + " bytes, more than the file holds (" + length + ")");
            }
            if (attribute.isEmpty()) {
                return List.of();
            }
            Object data = attribute.getData();
            List<String> out = new ArrayList<>();
            if (!flattenText(data, out)) {
                if (emptyNumericAllowed && data != null && data.getClass().isArray() && Array.getLength(data) == 0) {
                    return List.of();
                }
                throw new ModelImportException(source + ": HDF5 attribute " + where(path, name) + " is not text "
                        + "(" + (data == null ? "null" : data.getClass().getSimpleName()) + ")");
            }
            return out;
        });
    }

    private static boolean flattenText(Object data, List<String> out) {
        if (data instanceof String s) {
            out.add(s);
            return true;
        }
        if (data instanceof byte[] b) {
            out.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            return true;
        }
        if (data instanceof Object[] array) {
            for (Object o : array) {
                if (!flattenText(o, out)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Reads a floating-point dataset, its declared size checked against the file first.
     *
     * @param path the dataset's absolute path
     * @return its shape and values (C order)
     * @throws ModelImportException if it is missing, not floating point, too large for the file, or unreadable
     */
    Tensor tensor(String path) throws ModelImportException {
        return call(path, () -> {
            Node node = find(path);
            if (!(node instanceof Dataset dataset)) {
                throw new ModelImportException(source + ": HDF5 dataset " + path
                        + (node == null ? " is missing" : " is a group, not a dataset"));
            }
            long[] dims = dataset.getDimensionsAsLong();
            long count = 1;
            for (long d : dims) {
                if (d < 0 || (d > 0 && count > Long.MAX_VALUE / d)) {
                    throw new ModelImportException(source + ": HDF5 dataset " + path + " declares dimensions "
                            + Arrays.toString(dims));
                }
                count *= d;
            }
            int element = dataset.getDataType().getSize();
            long declared = element <= 0 || count > Long.MAX_VALUE / element ? Long.MAX_VALUE : count * element;
            long allowed = dataset.getFilters().isEmpty() ? length : Math.min(MAX_FILE_BYTES, length * MAX_EXPANSION);
            if (declared > allowed || count > Integer.MAX_VALUE - 16) {
                throw new ModelImportException(source + ": HDF5 dataset " + path + " declares " + declared
                        + " bytes (shape " + Arrays.toString(dims) + "), more than the file holds (" + length
                        + " bytes)");
            }
            Class<?> type = dataset.getJavaType();
            if (type != float.class && type != double.class && type != Float.class && type != Double.class) {
                throw new ModelImportException(source + ": HDF5 dataset " + path + " holds " + type.getSimpleName()
                        + " values, expected floating point weights");
            }
            float[] values = new float[(int) count];
            if (count > 0) {
                Object flat = dims.length == 0 ? dataset.getData() : dataset.getDataFlat();
                if (flat instanceof float[] f && f.length == count) {
                    System.arraycopy(f, 0, values, 0, f.length);
                } else if (flat instanceof double[] d && d.length == count) {
                    for (int i = 0; i < d.length; i++) {
                        values[i] = (float) d[i];
                    }
                } else if (flat instanceof Float f && count == 1) {
                    values[0] = f;
                } else if (flat instanceof Double d && count == 1) {
                    values[0] = d.floatValue();
                } else {
                    throw new ModelImportException(source + ": HDF5 dataset " + path + " could not be read as "
                            + count + " floating point values");
                }
            }
            return new Tensor(dims, values);
        });
    }

    private Group group(String path) throws ModelImportException {
        Node node = find(path);
        if (!(node instanceof Group group)) {
            throw new ModelImportException(source + ": HDF5 group " + path
                    + (node == null ? " is missing" : " is a dataset, not a group"));
        }
        return group;
    }

    /** Walks a path member by member (so that a name holding ':' or other characters is found as Keras wrote it). */
    private Node find(String path) {
        Node node = hdf;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(node instanceof Group g)) {
                return null;
            }
            Map<String, Node> children = g.getChildren();
            node = children.get(part);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static String where(String path, String name) {
        return path + (path.endsWith("/") ? "" : "/") + "@" + name;
    }

    /** A task that may throw a ModelImportException. */
    @FunctionalInterface
    private interface Task<T> {
        T run() throws ModelImportException;
    }

    private <T> T call(String path, Task<T> task) throws ModelImportException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ModelImportException(source + ": reading the HDF5 file took longer than "
                    + TimeUnit.NANOSECONDS.toSeconds(budget) + " s (a malformed file?), at " + path);
        }
        Future<T> future;
        try {
            future = worker.submit(() -> {
                try {
                    return task.run();
                } catch (ModelImportException e) {
                    throw e;
                } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                    throw new ModelImportException(source + ": malformed HDF5 at " + path + " ("
                            + Messages.oneLine(e) + ")", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new ModelImportException(source + ": the HDF5 reader is closed or failed before, at " + path, e);
        }
        try {
            return future.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            throw new ModelImportException(source + ": reading the HDF5 file took longer than "
                    + TimeUnit.NANOSECONDS.toSeconds(budget) + " s (a malformed file?), at " + path, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelImportException(source + ": interrupted while reading HDF5 at " + path, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelImportException m) {
                throw m;
            }
            throw new ModelImportException(source + ": malformed HDF5 at " + path + " ("
                    + Messages.oneLine(cause == null ? e : cause) + ")", cause == null ? e : cause);
        }
    }

    /** Closes the file and the reader's thread. */
    @Override
    public void close() {
        HdfFile file = hdf;
        hdf = null;
        if (file != null && !worker.isShutdown()) {
            try {
                worker.submit(() -> {
                    try {
                        file.close();
                    } catch (RuntimeException e) {
                        // an in-memory file has nothing left to release
                    }
                }).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
                // nothing to release that matters: the bytes are garbage once unreferenced
            }
        }
        worker.shutdownNow();
    }

    /**
     * A dataset's values.
     *
     * @param shape the dimensions
     * @param values the values in C order
     */
    record Tensor(long[] shape, float[] values) {

        /** The shape as text, "[3, 3, 3, 16]". */
        String shapeText() {
            return Arrays.toString(shape);
        }
    }
}
