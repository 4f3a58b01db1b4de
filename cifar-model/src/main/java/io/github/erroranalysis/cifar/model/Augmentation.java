package io.github.erroranalysis.cifar.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * On-the-fly augmentation for training batches (course Stage 8): a random crop of the image padded by 4 pixels on
 * every side, and a horizontal flip with probability 1/2, drawn per example from a seeded random stream.
 *
 * <p>Padding is zero in the network's input space, which for standardized inputs is the channel mean. The stream
 * advances batch by batch, so a training run with the same seed and batch order sees the same augmented images.
 * Apply it to training batches only, never to validation or test data.
 */
public final class Augmentation implements DataSetPreProcessor {

    private static final long serialVersionUID = 1L;

    /** Pixels of padding on each side before the random crop. */
    public static final int PADDING = 4;

    private final SplittableRandom random;

    /**
     * Creates an augmentation stream.
     *
     * @param seed the seed of the random crops and flips
     */
    public Augmentation(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * Replaces the features of a batch with randomly cropped and flipped copies.
     *
     * @param batch a batch with NCHW features {@code [n, channels, height, width]}
     */
    @Override
    public void preProcess(org.nd4j.linalg.dataset.api.DataSet batch) {
        batch.setFeatures(augment(batch.getFeatures()));
    }

    /**
     * Returns randomly cropped and flipped copies of NCHW images, advancing the random stream.
     *
     * @param features {@code [n, channels, height, width]} images
     * @return a new array of the same shape
     */
    public synchronized INDArray augment(INDArray features) {
        long[] shape = features.shape();
        if (shape.length != 4) {
            throw new IllegalArgumentException("expected NCHW features [n, c, h, w], got shape "
                    + java.util.Arrays.toString(shape));
        }
        int n = (int) shape[0];
        int c = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        float[] in = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            int dy = random.nextInt(2 * PADDING + 1) - PADDING;
            int dx = random.nextInt(2 * PADDING + 1) - PADDING;
            boolean flip = random.nextBoolean();
            for (int ch = 0; ch < c; ch++) {
                int plane = (i * c + ch) * h * w;
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    if (sy < 0 || sy >= h) {
                        continue;
                    }
                    for (int x = 0; x < w; x++) {
                        int sx = (flip ? w - 1 - x : x) + dx;
                        if (sx >= 0 && sx < w) {
                            out[plane + y * w + x] = in[plane + sy * w + sx];
                        }
                    }
                }
            }
        }
        return Nd4j.create(out, shape, 'c');
    }
}
