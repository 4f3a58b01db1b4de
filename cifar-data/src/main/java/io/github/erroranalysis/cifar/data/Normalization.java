package io.github.erroranalysis.cifar.data;

/**
 * How pixel bytes become network inputs: each byte is scaled to [0,1] by dividing by 255, then standardized per
 * channel as {@code (x - mean) / std}.
 *
 * <p>{@link #SCALE_ONLY} leaves the [0,1] values unchanged. {@link #fit(CifarDataset)} fits the per-channel mean and
 * standard deviation on a training pile; the same values must then be applied, unchanged, to validation and test
 * piles and at inference, which is why saved models store them.
 *
 * @param redMean    mean of the red channel on the [0,1] scale
 * @param greenMean  mean of the green channel on the [0,1] scale
 * @param blueMean   mean of the blue channel on the [0,1] scale
 * @param redStd     standard deviation of the red channel on the [0,1] scale
 * @param greenStd   standard deviation of the green channel on the [0,1] scale
 * @param blueStd    standard deviation of the blue channel on the [0,1] scale
 */
public record Normalization(double redMean, double greenMean, double blueMean,
                            double redStd, double greenStd, double blueStd) {

    /** Scale to [0,1] only: mean 0 and standard deviation 1 for every channel. */
    public static final Normalization SCALE_ONLY = new Normalization(0, 0, 0, 1, 1, 1);

    /**
     * Creates a normalization, checking that every value is finite and every standard deviation positive.
     *
     * @param redMean   mean of the red channel
     * @param greenMean mean of the green channel
     * @param blueMean  mean of the blue channel
     * @param redStd    standard deviation of the red channel
     * @param greenStd  standard deviation of the green channel
     * @param blueStd   standard deviation of the blue channel
     */
    public Normalization {
        double[] means = {redMean, greenMean, blueMean};
        double[] stds = {redStd, greenStd, blueStd};
        for (int c = 0; c < 3; c++) {
            if (!Double.isFinite(means[c]) || !Double.isFinite(stds[c]) || stds[c] <= 0) {
                throw new IllegalArgumentException("channel " + c + ": mean " + means[c] + " and std " + stds[c]
                        + " must be finite with std > 0");
            }
        }
    }

    /**
     * Fits the per-channel mean and (population) standard deviation of the pixels of a training pile.
     *
     * @param trainingPile the pile to fit on; never the validation or test pile
     * @return the fitted normalization
     * @throws IllegalArgumentException if the pile is empty
     */
    public static Normalization fit(CifarDataset trainingPile) {
        if (trainingPile.size() == 0) {
            throw new IllegalArgumentException("cannot fit a normalization on an empty pile");
        }
        long[] sum = new long[3];
        long[] sumSquares = new long[3];
        for (int i = 0; i < trainingPile.size(); i++) {
            byte[] px = trainingPile.pixelsUnsafe(i);
            for (int c = 0; c < 3; c++) {
                long s = 0;
                long s2 = 0;
                for (int p = c * CifarDataset.PLANE_BYTES, end = p + CifarDataset.PLANE_BYTES; p < end; p++) {
                    int v = px[p] & 0xFF;
                    s += v;
                    s2 += v * v;
                }
                sum[c] += s;
                sumSquares[c] += s2;
            }
        }
        double count = (double) trainingPile.size() * CifarDataset.PLANE_BYTES;
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++) {
            double m = sum[c] / count;
            mean[c] = m / 255.0;
            std[c] = Math.sqrt(Math.max(sumSquares[c] / count - m * m, 0)) / 255.0;
            if (std[c] == 0) {
                std[c] = 1;
            }
        }
        return new Normalization(mean[0], mean[1], mean[2], std[0], std[1], std[2]);
    }

    /**
     * Returns the mean of one channel.
     *
     * @param channel 0 red, 1 green, 2 blue
     * @return the mean on the [0,1] scale
     */
    public double mean(int channel) {
        return switch (channel) {
            case 0 -> redMean;
            case 1 -> greenMean;
            case 2 -> blueMean;
            default -> throw new IndexOutOfBoundsException("channel " + channel + " is not 0, 1 or 2");
        };
    }

    /**
     * Returns the standard deviation of one channel.
     *
     * @param channel 0 red, 1 green, 2 blue
     * @return the standard deviation on the [0,1] scale
     */
    public double std(int channel) {
        return switch (channel) {
            case 0 -> redStd;
            case 1 -> greenStd;
            case 2 -> blueStd;
            default -> throw new IndexOutOfBoundsException("channel " + channel + " is not 0, 1 or 2");
        };
    }

    /**
     * Writes the normalized values of one image, planar (channel, row, column), into {@code out}.
     *
     * @param pixels {@value CifarDataset#IMAGE_BYTES} bytes in the CIFAR binary layout
     * @param out    the destination
     * @param offset where in {@code out} the image's first value goes
     */
    public void apply(byte[] pixels, float[] out, int offset) {
        for (int c = 0; c < 3; c++) {
            float scale = (float) (1.0 / (255.0 * std(c)));
            float shift = (float) (mean(c) / std(c));
            int from = c * CifarDataset.PLANE_BYTES;
            int to = offset + from;
            for (int p = 0; p < CifarDataset.PLANE_BYTES; p++) {
                out[to + p] = (pixels[from + p] & 0xFF) * scale - shift;
            }
        }
    }
}
