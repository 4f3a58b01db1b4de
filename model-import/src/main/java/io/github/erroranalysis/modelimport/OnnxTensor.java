package io.github.erroranalysis.modelimport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * A constant tensor of an ONNX graph (an initializer, a {@code Constant} node, or a value folded from them): its dims
 * and its values, as floats (floating-point types) or longs (integer and boolean types; {@link #BATCH} stands for the
 * batch size, which is unknown until run time).
 *
 * @param dims the dims (empty for a scalar)
 * @param floats the values of a floating-point tensor in C order, or null
 * @param longs the values of an integer tensor in C order, or null
 */
record OnnxTensor(long[] dims, float[] floats, long[] longs) {

    /** The batch size in a shape computed from a graph tensor: not known before run time. */
    static final long BATCH = Long.MIN_VALUE;

    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    /** Wraps an integer vector. */
    static OnnxTensor ofLongs(long... values) {
        return new OnnxTensor(new long[] {values.length}, null, values);
    }

    /** Whether the values are floating-point. */
    boolean isFloat() {
        return floats != null;
    }

    /** The number of values. */
    int size() {
        return isFloat() ? floats.length : longs.length;
    }

    /** The rank. */
    int rank() {
        return dims.length;
    }

    /** The values as floats (integers converted). */
    float[] asFloats() {
        if (isFloat()) {
            return floats;
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return f;
    }

    /** One value as a double. */
    double value(int i) {
        return isFloat() ? floats[i] : longs[i];
    }

    /** The dims in ONNX's notation, for messages. */
    String dimsText() {
        return Arrays.toString(dims);
    }

    /**
     * Decodes a {@code TensorProto}, checking its declared dims against the data it holds before allocating.
     *
     * @param t the tensor
     * @param where what it is, for messages ("FILE: initializer 'fc.weight'")
     * @param budget what the conversion may still allocate
     * @return the tensor
     * @throws ModelImportException if it keeps its data outside the file, or its type, dims or data length are wrong
     */
    static OnnxTensor decode(Onnx.TensorProto t, String where, OnnxImport.Budget budget) throws ModelImportException {
        if (t.getDataLocationValue() == Onnx.TensorProto.DataLocation.EXTERNAL_VALUE || t.getExternalDataCount() > 0) {
            throw new ModelImportException(where + " keeps its data in an external file (data_location EXTERNAL), "
                    + "which is not read; save the model with its weights inside (onnx.save_model(model, path, "
                    + "save_as_external_data=False), possible below 2 GiB)");
        }
        long[] dims = new long[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = t.getDims(i);
            if (dims[i] < 0) {
                throw new ModelImportException(where + " has a negative dim " + dims[i] + " in "
                        + t.getDimsList());
            }
            count = dims[i] == 0 ? 0 : (count > MAX_VALUES / dims[i] ? MAX_VALUES + 1L : count * dims[i]);
        }
        if (count > MAX_VALUES) {
            throw new ModelImportException(where + " declares dims " + t.getDimsList() + ", too many values");
        }
        int n = (int) count;
        int type = t.getDataType();
        ByteString raw = t.getRawData();
        boolean hasRaw = !raw.isEmpty();
        int width = switch (type) {
            case 1, 6, 12 -> 4; // FLOAT, INT32, UINT32
            case 2, 3, 9 -> 1; // UINT8, INT8, BOOL
            case 4, 5, 10 -> 2; // UINT16, INT16, FLOAT16
            case 7, 11, 13 -> 8; // INT64, DOUBLE, UINT64
            default -> throw new ModelImportException(where + " has data type " + typeName(type)
                    + ", which is not read (float, float16, double and integer types are)");
        };
        long held = hasRaw ? raw.size() / width : switch (type) {
            case 1 -> t.getFloatDataCount();
            case 11 -> t.getDoubleDataCount();
            case 7 -> t.getInt64DataCount();
            case 12, 13 -> t.getUint64DataCount();
            default -> t.getInt32DataCount();
        };
        if ((hasRaw && raw.size() != (long) n * width) || held != n) {
            throw new ModelImportException(where + " declares dims " + t.getDimsList() + " (" + n + " values) but "
                    + "holds " + (hasRaw ? raw.size() + " bytes of raw data (" + width + " per value)" : held
                    + " values"));
        }
        budget.take(n, where);
        ByteBuffer bytes = hasRaw ? raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
        if (type == 1 || type == 10 || type == 11) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = switch (type) {
                    case 1 -> hasRaw ? bytes.getFloat(i * 4) : t.getFloatData(i);
                    case 11 -> (float) (hasRaw ? bytes.getDouble(i * 8) : t.getDoubleData(i));
                    default -> halfToFloat(hasRaw ? bytes.getShort(i * 2) : t.getInt32Data(i));
                };
            }
            return new OnnxTensor(dims, f, null);
        }
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            if (hasRaw) {
                l[i] = switch (type) {
                    case 2, 9 -> bytes.get(i) & 0xff;
                    case 3 -> bytes.get(i);
                    case 4 -> bytes.getShort(i * 2) & 0xffff;
                    case 5 -> bytes.getShort(i * 2);
                    case 6 -> bytes.getInt(i * 4);
                    case 12 -> bytes.getInt(i * 4) & 0xffffffffL;
                    default -> bytes.getLong(i * 8);
                };
            } else {
                l[i] = switch (type) {
                    case 7 -> t.getInt64Data(i);
                    case 12, 13 -> t.getUint64Data(i);
                    default -> t.getInt32Data(i);
                };
            }
        }
        return new OnnxTensor(dims, null, l);
    }

    /** Converts IEEE 754 half-precision bits to a float. */
    static float halfToFloat(int bits) {
        int sign = (bits >>> 15) & 1;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        float magnitude;
        if (exponent == 0) {
            magnitude = mantissa * 0x1p-24f;
        } else if (exponent == 0x1f) {
            magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
        } else {
            magnitude = Float.intBitsToFloat(((exponent + 112) << 23) | (mantissa << 13));
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    /** Names an ONNX data type, for messages. */
    static String typeName(int type) {
        return switch (type) {
            case 1 -> "FLOAT";
            case 2 -> "UINT8";
            case 3 -> "INT8";
            case 4 -> "UINT16";
            case 5 -> "INT16";
            case 6 -> "INT32";
            case 7 -> "INT64";
            case 8 -> "STRING";
            case 9 -> "BOOL";
            case 10 -> "FLOAT16";
            case 11 -> "DOUBLE";
            case 12 -> "UINT32";
            case 13 -> "UINT64";
            case 14 -> "COMPLEX64";
            case 15 -> "COMPLEX128";
            case 16 -> "BFLOAT16";
            default -> String.valueOf(type);
        };
    }
}
