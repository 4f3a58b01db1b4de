package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One bulk copy out of ND4J into primitive arrays; hot loops then run on the copies. */
final class NdArrays {

    private NdArrays() {
    }

    /**
     * Copies a rank-2 array into a row-major float array.
     *
     * @param matrix an N×C array of any floating or integer type and any ordering
     * @param what what the matrix is, for messages
     * @return the N·C values, row by row
     */
    static float[] rowMajorFloats(INDArray matrix, String what) {
        requireMatrix(matrix, what);
        INDArray m = matrix;
        if (m.dataType() != DataType.FLOAT) {
            m = m.castTo(DataType.FLOAT);
        }
        if (m.isView() || m.ordering() != 'c' || m.offset() != 0 || m.data().length() != m.length()) {
            m = m.dup('c');
        }
        long length = m.length();
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has " + length + " values, more than a Java array holds");
        }
        float[] out = new float[(int) length];
        // one bulk memcpy from the native buffer; DataBuffer.asFloat() copies element by element
        new FloatPointer(m.data().addressPointer()).get(out);
        return out;
    }

    /**
     * Copies a rank-2 array into a row-major double array, exactly (float64 kept, float32 and integers widened).
     *
     * @param matrix an N×C array of any floating or integer type and any ordering
     * @param what what the matrix is, for messages
     * @return the N·C values, row by row
     */
    static double[] rowMajorDoubles(INDArray matrix, String what) {
        requireMatrix(matrix, what);
        INDArray m = matrix;
        if (m.dataType() != DataType.DOUBLE) {
            m = m.castTo(DataType.DOUBLE);
        }
        if (m.isView() || m.ordering() != 'c' || m.offset() != 0 || m.data().length() != m.length()) {
            m = m.dup('c');
        }
        long length = m.length();
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has " + length + " values, more than a Java array holds");
        }
        double[] out = new double[(int) length];
        new DoublePointer(m.data().addressPointer()).get(out);
        return out;
    }

    /**
     * Narrows probabilities computed in double to the float the analysis stores, refusing a row whose predicted
     * class (the first largest value, as numpy's argmax) would change: two classes closer than float can tell.
     *
     * @param data row-major probabilities
     * @param classes the row length
     * @return the probabilities as float
     */
    static float[] narrow(double[] data, int classes) {
        float[] out = new float[data.length];
        for (int off = 0, r = 0; classes > 0 && off + classes <= data.length; off += classes, r++) {
            narrowRow(data, off, out, off, classes, r);
        }
        return out;
    }

    /**
     * Narrows one row as {@link #narrow} does, refusing it when its predicted class would change.
     *
     * @param data probabilities in double
     * @param from where the row starts in data
     * @param out where the floats go
     * @param to where the row starts in out
     * @param classes the row length
     * @param r the row's example index, for the message
     */
    static void narrowRow(double[] data, int from, float[] out, int to, int classes, long r) {
        int wide = 0;
        int thin = 0;
        for (int c = 0; c < classes; c++) {
            out[to + c] = (float) data[from + c];
            if (data[from + c] > data[from + wide]) {
                wide = c;
            }
            if (out[to + c] > out[to + thin]) {
                thin = c;
            }
        }
        if (wide != thin) {
            throw new IllegalArgumentException(Formats.format("example %d: the probabilities of class %d (%s) and "
                    + "class %d (%s) differ by less than float precision, which the analysis stores; it would "
                    + "predict class %d instead of class %d", r, wide, data[from + wide], thin, data[from + thin],
                    thin, wide));
        }
    }

    /**
     * Checks that an array is a matrix.
     *
     * @param matrix the array
     * @param what what it is, for messages
     */
    static void requireMatrix(INDArray matrix, String what) {
        if (matrix == null) {
            throw new NullPointerException(what);
        }
        requireMatrix(matrix.shape(), matrix.isEmpty() ? 0 : matrix.length(), what);
    }

    /**
     * Checks that an array of this shape and length is a non-empty matrix.
     *
     * @param shape the array's shape
     * @param length its number of values
     * @param what what it is, for messages
     */
    static void requireMatrix(long[] shape, long length, String what) {
        if (length == 0) {
            throw new IllegalArgumentException("the test set is empty: the " + what + " have no values");
        }
        if (shape.length != 2) {
            throw new IllegalArgumentException(what + " must be a matrix (rank 2, examples × classes), but has shape "
                    + java.util.Arrays.toString(shape));
        }
    }

    /**
     * Reads labels given as class indices (a vector or an N×1 column) or as one-hot rows (N×C).
     *
     * @param labels the labels
     * @param classes C, the number of classes of the predictions
     * @return one class index per example
     */
    static int[] labels(INDArray labels, int classes) {
        if (labels == null) {
            throw new NullPointerException("labels");
        }
        if (isColumn(labels.shape(), classes)) {
            return classIndices(NumberArray.wrap(labels.reshape(labels.length()).toDoubleVector(), labels.length()),
                    classes);
        }
        requireMatrix(labels, "labels");
        if (labels.size(1) != classes) {
            throw oneHotColumns(labels.size(1), classes);
        }
        return oneHot(rowMajorFloats(labels, "labels"), (int) labels.size(0), classes, 0);
    }

    /**
     * Reads labels held in a plain array, exactly as {@link #labels(INDArray, int)} reads them from ND4J: class
     * indices (a vector or an N×1 column) or one-hot rows (N×C), with the same checks and messages.
     *
     * @param labels the labels
     * @param classes C, the number of classes of the predictions
     * @return one class index per example
     */
    static int[] labels(NumberArray labels, int classes) {
        if (labels == null) {
            throw new NullPointerException("labels");
        }
        long[] shape = labels.shape();
        if (isColumn(shape, classes)) {
            return classIndices(labels, classes);
        }
        requireMatrix(shape, labels.length(), "labels");
        if (shape[1] != classes) {
            throw oneHotColumns(shape[1], classes);
        }
        float[] values = labels.floats();
        if (values == null) {
            values = new float[labels.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) labels.get(i);
            }
        }
        return oneHot(values, (int) shape[0], classes, 0);
    }

    /** Whether labels of this shape are class indices (a vector or an N×1 column) rather than one-hot rows. */
    private static boolean isColumn(long[] shape, int classes) {
        return shape.length == 1 || (shape.length == 2 && shape[1] == 1 && classes != 1);
    }

    private static IllegalArgumentException oneHotColumns(long columns, int classes) {
        return new IllegalArgumentException("labels have " + columns + " columns (one-hot) but the predictions have "
                + classes + " classes");
    }

    /** Checks class indices: whole numbers in 0..C-1, the first that is not named with its example. */
    private static int[] classIndices(NumberArray values, int classes) {
        int[] out = new int[values.length()];
        for (int i = 0; i < out.length; i++) {
            double v = values.get(i);
            if (v != Math.rint(v)) {
                throw new IllegalArgumentException(Formats.format(
                        "example %d: label %s is not a whole class index", i, v));
            }
            if (v < 0 || v >= classes) {
                String exact = Math.abs(v) < 0x1p63 ? Long.toString((long) v) : Formats.format("%s", v);
                throw new IllegalArgumentException(Formats.format(
                        "example %d: label %s is out of range; there are %d classes (0..%d)", i, exact, classes,
                        classes - 1));
            }
            out[i] = (int) v;
        }
        return out;
    }

    /**
     * Decodes one-hot rows, naming the first row that is not one-hot.
     *
     * @param data row-major values
     * @param rows number of rows
     * @param classes row length
     * @param firstExample the example index of the first row, for messages
     * @return the index of the 1 in each row
     */
    static int[] oneHot(float[] data, int rows, int classes, long firstExample) {
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int hot = -1;
            int off = r * classes;
            for (int c = 0; c < classes; c++) {
                float v = data[off + c];
                if (v == 1f && hot < 0) {
                    hot = c;
                } else if (v != 0f) {
                    hot = -2;
                    break;
                }
            }
            if (hot < 0) {
                float[] row = java.util.Arrays.copyOfRange(data, off, off + classes);
                throw new IllegalArgumentException(Formats.format("example %d: label row %s is not one-hot "
                        + "(exactly one 1, the rest 0)", firstExample + r, java.util.Arrays.toString(row)));
            }
            out[r] = hot;
        }
        return out;
    }
}
