package io.github.erroranalysis;

import io.github.erroranalysis.io.Messages;
import io.github.erroranalysis.io.NotUtf8Exception;
import io.github.erroranalysis.io.Utf8Text;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A pure-Java reader of NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0), safe on untrusted files.
 *
 * <p>The header (a small Python-literal dict with the keys {@code 'descr'}, {@code 'fortran_order'} and
 * {@code 'shape'}, in any order) is parsed here, and the dtype, the order and the shape are checked, and the declared
 * size is compared with the file's size, before a byte of data is read. The body is then read in Java: little- and
 * big-endian, C (row-major) and Fortran (column-major) order, any rank. The array returned is always in C order.
 *
 * <p>Accepted dtypes and the ND4J type they are read as: {@code bool} ({@code |b1}) → BOOL, {@code int8} → BYTE,
 * {@code int16} → SHORT, {@code int32} → INT, {@code int64} → LONG, {@code uint8} → UBYTE, {@code uint16} → INT,
 * {@code uint32} → LONG, {@code uint64} → LONG (a value above 2<sup>63</sup>−1 is refused), {@code float16} → FLOAT
 * (exact), {@code float32} → FLOAT, {@code float64} → DOUBLE. Multi-byte dtypes need a byte order ({@code <} or
 * {@code >}). Strings, complex numbers, objects, dates, {@code float128} and structured dtypes are refused.
 * An array may hold at most {@value #MAX_ELEMENTS} elements (a Java array's limit).
 *
 * <p>Every failure is an {@link IOException} whose message starts with the file's path and says what is wrong, on
 * one line; a file that does not exist is a {@link NoSuchFileException}.
 */
public final class NpyFile {

    /** The most elements an array read here may hold: the largest Java array. */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    /** The largest header accepted, in bytes (NumPy itself refuses headers over 10,000 bytes by default). */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    /** The most dimensions accepted (ND4J's limit). */
    public static final int MAX_RANK = 32;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 20;

    private NpyFile() {
    }

    /**
     * What a {@code .npy} header declares.
     *
     * @param version the format version, for example {@code "1.0"}
     * @param descr the dtype as written, for example {@code "<f4"}
     * @param fortranOrder whether the body is in Fortran (column-major) order
     * @param shape the dimensions, outermost first; empty for a scalar
     * @param dataOffset the byte offset of the body in the file
     */
    public record Header(String version, String descr, boolean fortranOrder, List<Long> shape, long dataOffset) {

        /**
         * Checks and copies the fields.
         *
         * @param version the format version
         * @param descr the dtype as written
         * @param fortranOrder whether the body is in Fortran order
         * @param shape the dimensions
         * @param dataOffset the byte offset of the body
         */
        public Header {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(descr, "descr");
            shape = List.copyOf(shape);
        }

        /**
         * The number of elements the shape declares.
         *
         * @return the product of the dimensions (1 for a scalar)
         * @throws ArithmeticException if the product does not fit a {@code long}
         */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /**
     * Reads a {@code .npy} file into an ND4J array in C order (see the class comment for the types it is read as).
     *
     * @param file the file
     * @return the array, with the file's shape
     * @throws IOException if the file cannot be read or is not a valid, supported {@code .npy} file; the message
     *         starts with the file's path
     */
    public static INDArray read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Parsed parsed = parse(file, channel);
            long[] shape = parsed.shape();
            int n = (int) parsed.elements();
            Dtype dtype = parsed.dtype();
            DataType direct = dtype.direct();
            if (direct != null && n > 0 && shape.length > 0 && (!parsed.fortranOrder() || shape.length == 1)
                    && (dtype.size == 1 || parsed.byteOrder() == ByteOrder.nativeOrder())) {
                return readDirect(file, channel, parsed, direct);
            }
            ArraySink sink;
            try {
                sink = dtype.sink(n);
            } catch (OutOfMemoryError e) {
                throw new IOException(file + ": " + Messages.outOfMemory(String.format(Locale.ROOT,
                        "hold the %d elements of shape %s", n, tuple(shape))), e);
            }
            readBody(file, channel, parsed, sink);
            try {
                return sink.array(shape);
            } catch (OutOfMemoryError e) {
                throw new IOException(file + ": " + Messages.outOfMemory(String.format(Locale.ROOT,
                        "give ND4J the %d elements of shape %s", n, tuple(shape))), e);
            } catch (RuntimeException e) {
                throw new IOException(String.format(Locale.ROOT, "%s: ND4J could not hold the %d elements of shape %s:"
                        + " %s", file, n, tuple(shape), Messages.oneLine(e)), e);
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": " + Messages.oneLine(e), e);
        }
    }

    /**
     * Reads a {@code .npy} file into a plain Java array in C order, without ND4J: as floats when every value of its
     * dtype is exactly a float (bool, int8, uint8, int16, uint16, float16, float32), else as doubles (int32,
     * uint32, int64, uint64, float64), with the same checks and messages as {@link #read(Path)}.
     *
     * @param file the file
     * @return the values, with the file's shape
     * @throws IOException if the file cannot be read or is not a valid, supported {@code .npy} file; the message
     *         starts with the file's path
     */
    public static NumberArray readNumbers(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Parsed parsed = parse(file, channel);
            long[] shape = parsed.shape();
            int n = (int) parsed.elements();
            NumberSink sink;
            try {
                sink = new NumberSink(parsed.dtype(), n);
            } catch (OutOfMemoryError e) {
                throw new IOException(file + ": " + Messages.outOfMemory(String.format(Locale.ROOT,
                        "hold the %d elements of shape %s", n, tuple(shape))), e);
            }
            readBody(file, channel, parsed, sink);
            return sink.numbers(shape);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": " + Messages.oneLine(e), e);
        }
    }

    /**
     * Reads and checks a {@code .npy} file's header without reading its data.
     *
     * @param file the file
     * @return what the header declares, checked against the file's size
     * @throws IOException if the file cannot be read or its header is not a valid, supported {@code .npy} header
     *         for a file of this size; the message starts with the file's path
     */
    public static Header readHeader(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(file, channel).header();
        }
    }

    // ---------------------------------------------------------------- writer

    /**
     * Writes float32 values as a {@code .npy} file (format 1.0, C order, little-endian {@code <f4}), atomically: an
     * existing file is replaced only when the new one is complete.
     *
     * @param file the file to create or replace
     * @param values the values in C order
     * @param shape the dimensions, outermost first (their product is the number of values)
     * @throws IOException if the file cannot be written; the message names it
     */
    public static void writeFloat32(Path file, float[] values, long... shape) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(values.length, Float.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        write(file, "<f4", shape, values.length, data.array());
    }

    /**
     * Writes int32 values as a {@code .npy} file (format 1.0, C order, little-endian {@code <i4}), atomically.
     *
     * @param file the file to create or replace
     * @param values the values in C order
     * @param shape the dimensions, outermost first (their product is the number of values)
     * @throws IOException if the file cannot be written; the message names it
     */
    public static void writeInt32(Path file, int[] values, long... shape) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(Math.multiplyExact(values.length, Integer.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            data.putInt(v);
        }
        write(file, "<i4", shape, values.length, data.array());
    }

    /**
     * Writes uint8 values as a {@code .npy} file (format 1.0, C order, {@code |u1}), atomically.
     *
     * @param file the file to create or replace
     * @param values the values in C order (each byte read as 0 to 255)
     * @param shape the dimensions, outermost first (their product is the number of values)
     * @throws IOException if the file cannot be written; the message names it
     */
    public static void writeUint8(Path file, byte[] values, long... shape) throws IOException {
        write(file, "|u1", shape, values.length, values.clone());
    }

    /** The one writer: the magic, version 1.0, the header dict padded to a multiple of 64 bytes, the data. */
    private static void write(Path file, String descr, long[] shape, int elements, byte[] data) throws IOException {
        Objects.requireNonNull(file, "file");
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + tuple(shape) + " has a negative dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != elements) {
            throw new IllegalArgumentException("shape " + tuple(shape) + " needs " + n + " values, but there are "
                    + elements);
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII));
        io.github.erroranalysis.io.AtomicFiles.write(file, out -> {
            out.write(head.array());
            out.write(data);
        });
    }

    // ---------------------------------------------------------------- header

    private record Parsed(String version, String descr, Dtype dtype, ByteOrder byteOrder, boolean fortranOrder,
            long[] shape, long elements, long dataOffset) {

        Header header() {
            List<Long> list = new ArrayList<>();
            for (long d : shape) {
                list.add(d);
            }
            return new Header(version, descr, fortranOrder, list, dataOffset);
        }
    }

    private static Parsed parse(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readUpTo(channel, pre, 0);
        pre.flip();
        int got = pre.remaining();
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= got || pre.get(i) != MAGIC[i]) {
                throw new IOException(file + ": not a .npy file: it does not start with the magic bytes \\x93NUMPY ("
                        + (size == 0 ? "the file is empty" : "it starts with " + hex(pre, Math.min(got, 6))) + ")");
            }
        }
        if (got < 8) {
            throw new IOException(file + ": the .npy file ends after " + got + " bytes, inside its version number");
        }
        int major = pre.get(6) & 0xff;
        int minor = pre.get(7) & 0xff;
        String version = major + "." + minor;
        if (minor != 0 || major < 1 || major > 3) {
            throw new IOException(file + ": .npy format version " + version + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (got < 8 + lengthBytes) {
            throw new IOException(file + ": the .npy file ends after " + got + " bytes, inside its header length");
        }
        long headerLength = major == 1 ? pre.getShort(8) & 0xffffL : pre.getInt(8) & 0xffffffffL;
        long headerStart = 8L + lengthBytes;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new IOException(String.format(Locale.ROOT, "%s: the .npy header declares %d bytes, more than the %d"
                    + " this reader accepts", file, headerLength, MAX_HEADER_BYTES));
        }
        if (headerStart + headerLength > size) {
            throw new IOException(String.format(Locale.ROOT, "%s: the .npy header declares %d bytes, but the file has"
                    + " only %d after the %d-byte preamble (truncated)", file, headerLength, size - headerStart,
                    headerStart));
        }
        ByteBuffer raw = ByteBuffer.allocate((int) headerLength);
        readUpTo(channel, raw, headerStart);
        if (raw.hasRemaining()) {
            throw new IOException(file + ": the file ended while its .npy header was read (was it changed meanwhile?)");
        }
        raw.flip();
        String text;
        if (major == 3) {
            try {
                text = Utf8Text.decodeAt(file.toString(), raw.array(), headerStart);
            } catch (NotUtf8Exception e) {
                throw new IOException(String.format(Locale.ROOT, "%s: the version 3.0 .npy header is not valid UTF-8 "
                        + "(byte 0x%02X at offset %d does not decode)", file, e.value(), e.offset()), e);
            }
        } else {
            text = StandardCharsets.ISO_8859_1.decode(raw).toString();
        }
        Object literal = new Literal(file, text).parseAll();
        if (!(literal instanceof Map<?, ?> dict)) {
            throw new IOException(file + ": the .npy header is not a dict but " + describe(literal) + ": "
                    + excerpt(text));
        }
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw new IOException(file + ": the .npy header has the keys " + keys(dict)
                    + "; expected exactly 'descr', 'fortran_order' and 'shape'");
        }
        Object descrValue = dict.get("descr");
        if (!(descrValue instanceof String descr)) {
            throw new IOException(file + ": the .npy dtype " + describe(descrValue) + " is a structured (record) dtype,"
                    + " which is not supported; save a plain numeric array");
        }
        Dtype dtype = Dtype.of(file, descr);
        ByteOrder byteOrder = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Object order = dict.get("fortran_order");
        if (!(order instanceof Boolean fortran)) {
            throw new IOException(file + ": the .npy header's 'fortran_order' is " + describe(order)
                    + ", not True or False");
        }
        long[] shape = shape(file, dict.get("shape"));
        BigInteger elements = BigInteger.ONE;
        for (long d : shape) {
            elements = elements.multiply(BigInteger.valueOf(d));
        }
        long dataOffset = headerStart + headerLength;
        BigInteger needed = elements.multiply(BigInteger.valueOf(dtype.size));
        long actual = size - dataOffset;
        if (!needed.equals(BigInteger.valueOf(actual))) {
            throw new IOException(String.format(Locale.ROOT, "%s: .npy shape %s of dtype '%s' needs %s bytes of data,"
                    + " but the file has %d bytes after its %d-byte header (%s)", file, tuple(shape), descr, needed,
                    actual, dataOffset, needed.compareTo(BigInteger.valueOf(actual)) > 0 ? "truncated" : "trailing bytes"));
        }
        if (elements.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
            throw new IOException(String.format(Locale.ROOT, "%s: .npy shape %s has %s elements, more than a Java array"
                    + " holds (%d)", file, tuple(shape), elements, MAX_ELEMENTS));
        }
        return new Parsed(version, descr, dtype, byteOrder, fortran, shape, elements.longValueExact(), dataOffset);
    }

    private static long[] shape(Path file, Object value) throws IOException {
        if (!(value instanceof Tuple tuple)) {
            throw new IOException(file + ": the .npy header's 'shape' is " + describe(value) + ", not a tuple of integers");
        }
        List<Object> items = tuple.items();
        if (items.size() > MAX_RANK) {
            throw new IOException(file + ": the .npy shape has " + items.size() + " dimensions, more than the "
                    + MAX_RANK + " ND4J supports");
        }
        long[] shape = new long[items.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(items.get(i) instanceof BigInteger d)) {
                throw new IOException(file + ": the .npy header's 'shape' is " + describe(value)
                        + ", not a tuple of integers");
            }
            if (d.signum() < 0) {
                throw new IOException(file + ": the .npy shape " + describe(value) + " has a negative dimension " + d);
            }
            if (d.bitLength() > 63) {
                throw new IOException(file + ": the .npy shape " + describe(value) + " has a dimension " + d
                        + ", more than a 64-bit integer holds");
            }
            shape[i] = d.longValue();
        }
        return shape;
    }

    private static String keys(Map<?, ?> dict) {
        List<String> out = new ArrayList<>();
        for (Object k : dict.keySet()) {
            out.add(describe(k));
        }
        return "[" + String.join(", ", out) + "]";
    }

    // ---------------------------------------------------------------- body

    private static void readBody(Path file, FileChannel channel, Parsed parsed, Sink sink) throws IOException {
        int n = (int) parsed.elements();
        int item = parsed.dtype().size;
        long[] shape = parsed.shape();
        FortranToC order = parsed.fortranOrder() && shape.length > 1 ? new FortranToC(shape) : null;
        ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(CHUNK, (long) n * item)).order(parsed.byteOrder());
        long position = parsed.dataOffset();
        int k = 0;
        while (k < n) {
            int m = Math.min(n - k, CHUNK / item);
            buffer.clear().limit(m * item);
            readUpTo(channel, buffer, position);
            if (buffer.hasRemaining()) {
                throw new IOException(String.format(Locale.ROOT, "%s: the file ended after %d of its %d data bytes"
                        + " (was it changed while being read?)", file, position + buffer.position()
                        - parsed.dataOffset(), (long) n * item));
            }
            position += (long) m * item;
            buffer.flip();
            if (order == null) {
                sink.putAll(file, buffer, k, m);
                k += m;
            } else {
                for (int i = 0; i < m; i++, k++) {
                    sink.put(file, buffer, order.next(), k);
                }
            }
        }
    }

    /**
     * Reads a C-order body whose bytes are already ND4J's (the same item type, the machine's byte order) straight
     * into the array's own buffer: one copy, as fast as NumPy's own {@code np.load}.
     */
    private static INDArray readDirect(Path file, FileChannel channel, Parsed parsed, DataType type)
            throws IOException {
        int n = (int) parsed.elements();
        int item = parsed.dtype().size;
        INDArray out;
        try {
            out = Nd4j.createUninitialized(type, parsed.shape(), 'c');
        } catch (OutOfMemoryError e) {
            throw new IOException(file + ": " + Messages.outOfMemory(String.format(Locale.ROOT,
                    "hold the %d elements of shape %s", n, tuple(parsed.shape()))), e);
        }
        ByteBuffer body = out.data().asNio();
        long bytes = (long) n * item;
        if (body.capacity() < bytes) {
            throw new IOException(String.format(Locale.ROOT, "%s: ND4J gave a buffer of %d bytes for the %d data"
                    + " bytes", file, body.capacity(), bytes));
        }
        body.clear().limit((int) bytes);
        readUpTo(channel, body, parsed.dataOffset());
        if (body.hasRemaining()) {
            throw new IOException(String.format(Locale.ROOT, "%s: the file ended after %d of its %d data bytes"
                    + " (was it changed while being read?)", file, body.position(), bytes));
        }
        return out;
    }

    /** Reads from {@code position} until the buffer is full or the file ends. */
    private static void readUpTo(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int r = channel.read(buffer, at);
            if (r < 0) {
                return;
            }
            at += r;
        }
    }

    /** Maps the position of an element in a Fortran-order body to its index in C order. */
    private static final class FortranToC {
        private final long[] dims;
        private final long[] cStrides;
        private final long[] index;
        private long c;
        private boolean started;

        FortranToC(long[] dims) {
            this.dims = dims;
            this.cStrides = new long[dims.length];
            this.index = new long[dims.length];
            long stride = 1;
            for (int j = dims.length - 1; j >= 0; j--) {
                cStrides[j] = stride;
                stride *= dims[j];
            }
        }

        int next() {
            if (!started) {
                started = true;
                return 0;
            }
            for (int j = 0; j < dims.length; j++) {
                index[j]++;
                c += cStrides[j];
                if (index[j] < dims[j]) {
                    return (int) c;
                }
                c -= index[j] * cStrides[j];
                index[j] = 0;
            }
            throw new IllegalStateException("past the last element");
        }
    }

    /** Where decoded elements go: a primitive array in C order. */
    private interface Sink {
        void put(Path file, ByteBuffer in, int at, int position) throws IOException;

        /** Puts m elements in file order at at, at + 1, ...: C order. */
        default void putAll(Path file, ByteBuffer in, int at, int m) throws IOException {
            for (int i = 0; i < m; i++) {
                put(file, in, at + i, at + i);
            }
        }
    }

    /** A sink whose primitive array then becomes the ND4J array. */
    private interface ArraySink extends Sink {
        INDArray array(long[] shape);
    }

    /** A sink of floats (the dtypes every value of which is exactly a float) or of doubles (the others). */
    private static final class NumberSink implements Sink {
        private final Dtype dtype;
        private final float[] floats;
        private final double[] doubles;

        NumberSink(Dtype dtype, int n) {
            this.dtype = dtype;
            this.floats = dtype.exactFloat() ? new float[n] : null;
            this.doubles = dtype.exactFloat() ? null : new double[n];
        }

        @Override
        public void put(Path file, ByteBuffer in, int at, int position) throws IOException {
            double v = dtype.value(file, in, position);
            if (floats != null) {
                floats[at] = (float) v;
            } else {
                doubles[at] = v;
            }
        }

        @Override
        public void putAll(Path file, ByteBuffer in, int at, int m) throws IOException {
            if (dtype == Dtype.FLOAT32) {
                in.asFloatBuffer().get(floats, at, m);
            } else if (dtype == Dtype.FLOAT64) {
                in.asDoubleBuffer().get(doubles, at, m);
            } else {
                Sink.super.putAll(file, in, at, m);
            }
        }

        NumberArray numbers(long[] shape) {
            return floats != null ? NumberArray.wrap(floats, shape) : NumberArray.wrap(doubles, shape);
        }
    }

    /** The accepted dtypes by kind and size. */
    private enum Dtype {
        BOOL('b', 1), INT8('i', 1), INT16('i', 2), INT32('i', 4), INT64('i', 8), UINT8('u', 1), UINT16('u', 2),
        UINT32('u', 4), UINT64('u', 8), FLOAT16('f', 2), FLOAT32('f', 4), FLOAT64('f', 8);

        /** A byte order (or none), a kind of number and an item size: the form of every dtype read here. */
        private static final Pattern SIMPLE = Pattern.compile("([<>|=]?)([biuf])([0-9]{1,2})");

        private final char kind;
        private final int size;

        Dtype(char kind, int size) {
            this.kind = kind;
            this.size = size;
        }

        /** The ND4J type whose items are this dtype's bytes as they are, or null when items must be converted. */
        @SuppressWarnings("deprecation") // the ND4J arrays report BYTE, SHORT, INT, LONG, not INT8 ... INT64
        DataType direct() {
            return switch (this) {
                case INT8 -> DataType.BYTE;
                case INT16 -> DataType.SHORT;
                case INT32 -> DataType.INT;
                case INT64 -> DataType.LONG;
                case UINT8 -> DataType.UBYTE;
                case FLOAT32 -> DataType.FLOAT;
                case FLOAT64 -> DataType.DOUBLE;
                default -> null;
            };
        }

        static Dtype of(Path file, String descr) throws IOException {
            Matcher m = SIMPLE.matcher(descr);
            if (m.matches()) {
                char kind = m.group(2).charAt(0);
                int size = Integer.parseInt(m.group(3));
                for (Dtype d : values()) {
                    if (d.kind == kind && d.size == size) {
                        String order = m.group(1);
                        if (size > 1 && !order.equals("<") && !order.equals(">")) {
                            throw new IOException(file + ": the .npy dtype " + describe(descr) + " has no explicit byte"
                                    + " order ('<' little-endian or '>' big-endian)");
                        }
                        return d;
                    }
                }
            }
            throw new IOException(file + ": the .npy dtype " + describe(descr) + " (" + unsupported(descr) + ") is not"
                    + " supported; expected bool, int8 to int64, uint8 to uint64, float16, float32 or float64");
        }

        /** What kind of data a descr that is none of ours holds, in words. */
        private static String unsupported(String descr) {
            String rest = descr.isEmpty() || "<>|=".indexOf(descr.charAt(0)) < 0 ? descr : descr.substring(1);
            char kind = rest.isEmpty() ? ' ' : rest.charAt(0);
            return switch (kind) {
                case 'U' -> "unicode strings";
                case 'S', 'a' -> "byte strings";
                case 'c' -> "complex numbers";
                case 'O' -> "Python objects";
                case 'V' -> "raw or structured data";
                case 'M', 'm' -> "dates or time spans";
                case 'f' -> rest.equals("f16") || rest.equals("f12") ? "extended precision floats" : "floats of this size";
                case 'i', 'u' -> "integers of this size";
                case 'b' -> "booleans of this size";
                default -> "an unknown dtype";
            };
        }

        /** Whether every value of this dtype is exactly a float (else it is read as double, also exactly). */
        boolean exactFloat() {
            return switch (this) {
                case BOOL, INT8, UINT8, INT16, UINT16, FLOAT16, FLOAT32 -> true;
                default -> false;
            };
        }

        /**
         * Decodes one element as a double: exact for every dtype but int64 and uint64 beyond 2^53, rounded to the
         * nearest double as ND4J's cast rounds them; a uint64 above the int64 maximum is refused as when read into
         * ND4J.
         */
        double value(Path file, ByteBuffer in, int position) throws IOException {
            return switch (this) {
                case BOOL -> in.get() != 0 ? 1 : 0;
                case INT8 -> in.get();
                case UINT8 -> in.get() & 0xff;
                case INT16 -> in.getShort();
                case UINT16 -> in.getShort() & 0xffff;
                case INT32 -> in.getInt();
                case UINT32 -> in.getInt() & 0xffffffffL;
                case INT64 -> in.getLong();
                case UINT64 -> {
                    long v = in.getLong();
                    if (v < 0) {
                        throw uint64TooLarge(file, position, v);
                    }
                    yield v;
                }
                case FLOAT16 -> halfToFloat(in.getShort());
                case FLOAT32 -> in.getFloat();
                case FLOAT64 -> in.getDouble();
            };
        }

        @SuppressWarnings("deprecation") // the ND4J arrays report BYTE, SHORT, INT, LONG, not INT8 ... INT64
        ArraySink sink(int n) {
            return switch (this) {
                case BOOL -> new ArraySink() {
                    private final boolean[] out = new boolean[n];

                    @Override
                    public void put(Path file, ByteBuffer in, int at, int position) {
                        out[at] = in.get() != 0;
                    }

                    @Override
                    public INDArray array(long[] shape) {
                        return shaped(n == 0 ? null : Nd4j.createFromArray(out), DataType.BOOL, shape);
                    }
                };
                case INT8, UINT8 -> new ArraySink() {
                    private final byte[] out = new byte[n];

                    @Override
                    public void put(Path file, ByteBuffer in, int at, int position) {
                        out[at] = in.get();
                    }

                    @Override
                    public void putAll(Path file, ByteBuffer in, int at, int m) {
                        in.get(out, at, m);
                    }

                    @Override
                    public INDArray array(long[] shape) {
                        if (n == 0) {
                            return shaped(null, Dtype.this == INT8 ? DataType.BYTE : DataType.UBYTE, shape);
                        }
                        if (Dtype.this == INT8) {
                            return shaped(Nd4j.createFromArray(out), DataType.BYTE, shape);
                        }
                        ByteBuffer direct = ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
                        direct.put(out).flip();
                        return shaped(Nd4j.create(Nd4j.createBuffer(direct, DataType.UBYTE, n), new long[] {n},
                                new long[] {1}, 0, 'c', DataType.UBYTE), DataType.UBYTE, shape);
                    }
                };
                case INT16 -> new ArraySink() {
                    private final short[] out = new short[n];

                    @Override
                    public void put(Path file, ByteBuffer in, int at, int position) {
                        out[at] = in.getShort();
                    }

                    @Override
                    public void putAll(Path file, ByteBuffer in, int at, int m) {
                        in.asShortBuffer().get(out, at, m);
                    }

                    @Override
                    public INDArray array(long[] shape) {
                        return shaped(n == 0 ? null : Nd4j.createFromArray(out), DataType.SHORT, shape);
                    }
                };
                case INT32, UINT16 -> new ArraySink() {
                    private final int[] out = new int[n];

                    @Override
                    public void put(Path file, ByteBuffer in, int at, int position) {
                        out[at] = Dtype.this == INT32 ? in.getInt() : in.getShort() & 0xffff;
                    }

                    @Override
                    public void putAll(Path file, ByteBuffer in, int at, int m) {
                        if (Dtype.this == INT32) {
                            in.asIntBuffer().get(out, at, m);
                        } else {
                            for (int i = 0; i < m; i++) {
                                out[at + i] = in.getShort() & 0xffff;
                            }
                        }
                    }

                    @Override
                    public INDArray array(long[] shape) {
                        return shaped(n == 0 ? null : Nd4j.createFromArray(out), DataType.INT, shape);
                    }
                };
                case INT64, UINT32, UINT64 -> new ArraySink() {
                    private final long[] out = new long[n];

                    @Override
                    public void put(Path file, ByteBuffer in, int at, int position) throws IOException {
                        long v = Dtype.this == UINT32 ? in.getInt() & 0xffffffffL : in.getLong();
                        if (Dtype.this == UINT64 && v < 0) {
                            throw uint64TooLarge(file, position, v);
                        }
                        out[at] = v;
                    }

                    @Override
                    public void putAll(Path file, ByteBuffer in, int at, int m) throws IOException {
                        if (Dtype.this == INT64) {
                            in.asLongBuffer().get(out, at, m);
                        } else {
                            for (int i = 0; i < m; i++) {
                                put(file, in, at + i, at + i);
                            }
                        }
                    }

                    @Override
                    public INDArray array(long[] shape) {
                        return shaped(n == 0 ? null : Nd4j.createFromArray(out), DataType.LONG, shape);
                    }
                };
                case FLOAT16, FLOAT32 -> new ArraySink() {
                    private final float[] out = new float[n];

                    @Override
                    public void put(Path file, ByteBuffer in, int at, int position) {
                        out[at] = Dtype.this == FLOAT32 ? in.getFloat() : halfToFloat(in.getShort());
                    }

                    @Override
                    public void putAll(Path file, ByteBuffer in, int at, int m) {
                        if (Dtype.this == FLOAT32) {
                            in.asFloatBuffer().get(out, at, m);
                        } else {
                            for (int i = 0; i < m; i++) {
                                out[at + i] = halfToFloat(in.getShort());
                            }
                        }
                    }

                    @Override
                    public INDArray array(long[] shape) {
                        return shaped(n == 0 ? null : Nd4j.createFromArray(out), DataType.FLOAT, shape);
                    }
                };
                case FLOAT64 -> new ArraySink() {
                    private final double[] out = new double[n];

                    @Override
                    public void put(Path file, ByteBuffer in, int at, int position) {
                        out[at] = in.getDouble();
                    }

                    @Override
                    public void putAll(Path file, ByteBuffer in, int at, int m) {
                        in.asDoubleBuffer().get(out, at, m);
                    }

                    @Override
                    public INDArray array(long[] shape) {
                        return shaped(n == 0 ? null : Nd4j.createFromArray(out), DataType.DOUBLE, shape);
                    }
                };
            };
        }
    }

    private static IOException uint64TooLarge(Path file, int position, long v) {
        return new IOException(file + ": element " + position + " of the uint64 array is "
                + Long.toUnsignedString(v) + ", more than the int64 maximum (uint64 is read as int64)");
    }

    /** Gives a flat C-order vector its shape; an empty array (a zero dimension) when flat is null. */
    private static INDArray shaped(INDArray flat, DataType type, long[] shape) {
        if (flat == null) {
            return Nd4j.create(type, shape);
        }
        if (shape.length == 1) {
            return flat;
        }
        return flat.reshape('c', shape);
    }

    /** IEEE 754 half precision to float: exact, subnormals, infinities and NaN included. */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float v = mantissa * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    // ---------------------------------------------------------------- the Python literal

    /** A Python tuple in the header. */
    private record Tuple(List<Object> items) {
    }

    /** The Python {@code None}. */
    private enum None { NONE }

    /**
     * A parser of the Python literals a {@code .npy} header holds: dicts, tuples, lists, strings (no escapes), integers
     * (an optional sign and Python 2's {@code L} suffix), {@code True}, {@code False} and {@code None}.
     */
    private static final class Literal {
        private static final int MAX_DEPTH = 16;
        private final Path file;
        private final String s;
        private int at;
        private int depth;

        Literal(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        Object parseAll() throws IOException {
            skipSpace();
            Object v = value();
            skipSpace();
            if (at < s.length()) {
                throw error("unexpected " + describeChar(s.charAt(at)) + " after the header's value");
            }
            return v;
        }

        private Object value() throws IOException {
            if (at >= s.length()) {
                throw error("the header ends where a value should be");
            }
            char c = s.charAt(at);
            switch (c) {
                case '{':
                    return dict();
                case '(':
                    return sequence('(', ')');
                case '[':
                    return sequence('[', ']');
                case '\'':
                case '"':
                    return string(c);
                default:
                    break;
            }
            if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
                return integer();
            }
            if (Character.isLetter(c) || c == '_') {
                int start = at;
                while (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '_')) {
                    at++;
                }
                String word = s.substring(start, at);
                switch (word) {
                    case "True":
                        return Boolean.TRUE;
                    case "False":
                        return Boolean.FALSE;
                    case "None":
                        return None.NONE;
                    default:
                        at = start;
                        throw error("unknown name " + excerpt(word));
                }
            }
            throw error("unexpected " + describeChar(c));
        }

        private Map<Object, Object> dict() throws IOException {
            enter();
            at++;
            Map<Object, Object> out = new LinkedHashMap<>();
            skipSpace();
            while (!peek('}')) {
                int keyAt = at;
                Object key = value();
                if (!(key instanceof String)) {
                    at = keyAt;
                    throw error("a dict key is " + describe(key) + ", not a string");
                }
                skipSpace();
                expect(':');
                skipSpace();
                Object v = value();
                if (out.containsKey(key)) {
                    at = keyAt;
                    throw error("the key " + describe(key) + " appears twice");
                }
                out.put(key, v);
                skipSpace();
                if (!peek('}')) {
                    expect(',');
                    skipSpace();
                }
            }
            at++;
            depth--;
            return out;
        }

        private Object sequence(char open, char close) throws IOException {
            enter();
            at++;
            List<Object> items = new ArrayList<>();
            boolean comma = false;
            skipSpace();
            while (!peek(close)) {
                items.add(value());
                skipSpace();
                if (!peek(close)) {
                    expect(',');
                    comma = true;
                    skipSpace();
                }
            }
            at++;
            depth--;
            if (open == '[') {
                return items;
            }
            if (items.size() == 1 && !comma) {
                return items.get(0); // (3) is 3 in Python, not a tuple
            }
            return new Tuple(items);
        }

        private String string(char quote) throws IOException {
            int start = ++at;
            while (at < s.length() && s.charAt(at) != quote) {
                char c = s.charAt(at);
                if (c == '\\') {
                    throw error("escape sequences in strings are not supported");
                }
                if (c == '\n' || c == '\r') {
                    throw error("a string runs past the end of its line");
                }
                at++;
            }
            if (at >= s.length()) {
                at = start - 1;
                throw error("a string is not closed");
            }
            return s.substring(start, at++);
        }

        private BigInteger integer() throws IOException {
            int start = at;
            if (s.charAt(at) == '-' || s.charAt(at) == '+') {
                at++;
                skipSpace();
            }
            int digits = at;
            while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                at++;
                if (at - digits > 40) {
                    at = start;
                    throw error("an integer has more than 40 digits");
                }
            }
            if (at == digits) {
                at = start;
                throw error("a sign is not followed by digits");
            }
            if (s.charAt(digits) == '0' && at - digits > 1) {
                at = start;
                throw error("an integer has a leading zero");
            }
            BigInteger v = new BigInteger(s.substring(digits, at));
            if (at < s.length() && (s.charAt(at) == 'L' || s.charAt(at) == 'l')) {
                at++; // Python 2 long
            }
            if (at < s.length() && (Character.isLetterOrDigit(s.charAt(at)) || s.charAt(at) == '.')) {
                at = start;
                throw error("a number is not a plain integer");
            }
            return s.charAt(start) == '-' ? v.negate() : v;
        }

        private void enter() throws IOException {
            if (++depth > MAX_DEPTH) {
                throw error("values are nested more than " + MAX_DEPTH + " deep");
            }
        }

        private boolean peek(char c) throws IOException {
            if (at >= s.length()) {
                throw error("the header ends before its value is closed");
            }
            return s.charAt(at) == c;
        }

        private void expect(char c) throws IOException {
            if (at >= s.length()) {
                throw error("the header ends where '" + c + "' should be");
            }
            if (s.charAt(at) != c) {
                throw error("expected '" + c + "' but found " + describeChar(s.charAt(at)));
            }
            at++;
        }

        private void skipSpace() {
            while (at < s.length()) {
                char c = s.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                    return;
                }
                at++;
            }
        }

        private IOException error(String what) {
            return new IOException(String.format(Locale.ROOT, "%s: the .npy header is not a valid Python literal: %s"
                    + " at character %d of %s", file, what, at, excerpt(s)));
        }
    }

    // ---------------------------------------------------------------- messages

    private static String describe(Object v) {
        if (v instanceof String str) {
            return excerpt(str);
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v == None.NONE) {
            return "None";
        }
        if (v instanceof Tuple t) {
            List<String> items = new ArrayList<>();
            for (Object o : t.items()) {
                items.add(describe(o));
            }
            return "(" + String.join(", ", items) + (items.size() == 1 ? ",)" : ")");
        }
        if (v instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object o : list) {
                items.add(describe(o));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            return "a dict of " + m.size() + " keys";
        }
        return String.valueOf(v);
    }

    private static String tuple(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** A quoted, one-line, at most 100-character rendering of header text. */
    private static String excerpt(String text) {
        StringBuilder b = new StringBuilder("'");
        String t = text.strip();
        int limit = Math.min(t.length(), 100);
        for (int i = 0; i < limit; i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append(t.length() > limit ? "…'" : "'").toString();
    }

    private static String describeChar(char c) {
        return c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0) ? "'" + c + "'"
                : String.format(Locale.ROOT, "byte \\x%02x", (int) c);
    }

    private static String hex(ByteBuffer b, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(String.format(Locale.ROOT, "\\x%02x", b.get(i) & 0xff));
        }
        return out.toString();
    }
}
