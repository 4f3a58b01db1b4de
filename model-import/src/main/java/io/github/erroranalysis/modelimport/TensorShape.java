package io.github.erroranalysis.modelimport;

/**
 * The shape of one example's tensor inside a converted network: an image ({@code channels × height × width}) or a
 * flat vector of {@code channels} features (height and width 0).
 *
 * @param channels the channels of an image, or the features of a flat vector
 * @param height the image height, or 0 for a flat vector
 * @param width the image width, or 0 for a flat vector
 */
record TensorShape(long channels, long height, long width) {

    /** A flat vector of features. */
    static TensorShape flat(long features) {
        return new TensorShape(features, 0, 0);
    }

    /** Whether this is a flat vector. */
    boolean isFlat() {
        return height == 0 && width == 0;
    }

    /** The number of values per example. */
    long size() {
        return isFlat() ? channels : channels * height * width;
    }

    @Override
    public String toString() {
        return isFlat() ? "[" + channels + "]" : "[" + channels + ", " + height + ", " + width + "]";
    }
}
