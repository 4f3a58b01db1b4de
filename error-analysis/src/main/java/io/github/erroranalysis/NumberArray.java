package io.github.erroranalysis;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable array of numbers in C (row-major) order with its shape, held in a plain Java array rather than in
 * ND4J's native memory, so that reading predictions from a file and analysing them never loads ND4J.
 *
 * <p>The values are held as {@code float} when every value of the source type is exactly a float (bool, 8- and
 * 16-bit integers, float16, float32), else as {@code double} (32- and 64-bit integers, float64), so nothing is lost:
 * the analysis checks them in double as it checks an {@code INDArray}. {@link NpyFile#readNumbers} and the CSV
 * readers make them without a copy; {@link #ofFloats} and {@link #ofDoubles} copy what they are given.
 */
public final class NumberArray {

    private final long[] shape;
    private final float[] floats;
    private final double[] doubles;

    private NumberArray(long[] shape, float[] floats, double[] doubles) {
        this.shape = shape.clone();
        this.floats = floats;
        this.doubles = doubles;
        long n = 1;
        for (long d : this.shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(this.shape) + " has a negative dimension");
            }
            n = Math.multiplyExact(n, d);
        }
        int length = floats != null ? floats.length : doubles.length;
        if (n != length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "shape %s needs %d values, but there are %d",
                    Arrays.toString(this.shape), n, length));
        }
    }

    /**
     * Makes an array of floats, copying the values.
     *
     * @param values the values in C order
     * @param shape the dimensions, outermost first (their product is the number of values)
     * @return the array
     */
    public static NumberArray ofFloats(float[] values, long... shape) {
        return new NumberArray(shape, Objects.requireNonNull(values, "values").clone(), null);
    }

    /**
     * Makes an array of doubles, copying the values.
     *
     * @param values the values in C order
     * @param shape the dimensions, outermost first (their product is the number of values)
     * @return the array
     */
    public static NumberArray ofDoubles(double[] values, long... shape) {
        return new NumberArray(shape, null, Objects.requireNonNull(values, "values").clone());
    }

    /**
     * Makes a vector of class indices, such as labels read from a CSV file.
     *
     * @param values the values
     * @return a vector of the values, as doubles (exact)
     */
    public static NumberArray ofInts(int[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new NumberArray(new long[] {d.length}, null, d);
    }

    /** Wraps a fresh float array without copying it (the readers of this package). */
    static NumberArray wrap(float[] values, long... shape) {
        return new NumberArray(shape, values, null);
    }

    /** Wraps a fresh double array without copying it (the readers of this package). */
    static NumberArray wrap(double[] values, long... shape) {
        return new NumberArray(shape, null, values);
    }

    /**
     * Gives the dimensions, outermost first.
     *
     * @return a copy of the shape; empty for a scalar
     */
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Gives the number of dimensions.
     *
     * @return the rank, 0 for a scalar
     */
    public int rank() {
        return shape.length;
    }

    /**
     * Gives one dimension.
     *
     * @param dimension the dimension's index, 0 for the outermost
     * @return its size
     */
    public long size(int dimension) {
        return shape[Objects.checkIndex(dimension, shape.length)];
    }

    /**
     * Gives the number of values.
     *
     * @return the product of the dimensions
     */
    public int length() {
        return floats != null ? floats.length : doubles.length;
    }

    /**
     * Tells whether the values are held as floats (every value of the source type is exactly a float).
     *
     * @return true for floats, false for doubles
     */
    public boolean isFloat() {
        return floats != null;
    }

    /**
     * Gives one value, in C order, as a double (exact).
     *
     * @param index the position in C order
     * @return the value
     */
    public double get(int index) {
        return floats != null ? floats[index] : doubles[index];
    }

    /** The floats themselves, not a copy, or null when the values are doubles; never to be changed. */
    float[] floats() {
        return floats;
    }

    /** The doubles themselves, not a copy, or null when the values are floats; never to be changed. */
    double[] doubles() {
        return doubles;
    }

    /** The values as doubles: the doubles themselves (never to be changed), or the floats widened into a copy. */
    double[] widened() {
        if (doubles != null) {
            return doubles;
        }
        double[] out = new double[floats.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats[i];
        }
        return out;
    }

    /**
     * Describes the array by its type and shape.
     *
     * @return for example {@code "float array of shape [1000, 10]"}
     */
    @Override
    public String toString() {
        return (floats != null ? "float" : "double") + " array of shape " + Arrays.toString(shape);
    }
}
