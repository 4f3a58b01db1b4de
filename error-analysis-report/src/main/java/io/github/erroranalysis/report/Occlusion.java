package io.github.erroranalysis.report;

import io.github.erroranalysis.Classifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Occlusion sensitivity for any {@link Classifier}: slides a grey patch over one image, classifies every occluded
 * copy in one batched forward pass, and measures how much the explained class's probability drops at each position.
 *
 * <p>The batch holds the unoccluded image first, then one copy per position, so a 32×32 image with a 4×4 patch and
 * stride 2 costs one forward pass of 1 + 225 images. The faithfulness check reads from the same pass: the most
 * important position against a seeded random other position.
 */
public final class Occlusion {

    private static final Logger LOG = LoggerFactory.getLogger(Occlusion.class);

    private Occlusion() {
    }

    /**
     * Maps the occlusion sensitivity of the predicted class with the default settings (4×4 patch, stride 2,
     * per-channel mean).
     *
     * @param classifier the classifier
     * @param image one image as the classifier expects it, {@code [channels, height, width]} or
     *              {@code [1, channels, height, width]}
     * @return the map of the class predicted for the unoccluded image
     */
    public static OcclusionMap map(Classifier classifier, INDArray image) {
        return map(classifier, image, OcclusionSettings.defaults());
    }

    /**
     * Maps the occlusion sensitivity of the predicted class.
     *
     * @param classifier the classifier
     * @param image one image, {@code [channels, height, width]} or {@code [1, channels, height, width]}
     * @param settings patch, stride, fill and seed
     * @return the map of the class predicted for the unoccluded image
     */
    public static OcclusionMap map(Classifier classifier, INDArray image, OcclusionSettings settings) {
        return map(classifier, image, -1, settings);
    }

    /**
     * Maps the occlusion sensitivity of a chosen class, for example the true class of a wrong prediction.
     *
     * @param classifier the classifier
     * @param image one image, {@code [channels, height, width]} or {@code [1, channels, height, width]}
     * @param classIndex the class to explain, or -1 for the class predicted for the unoccluded image
     * @param settings patch, stride, fill and seed
     * @return the map
     */
    public static OcclusionMap map(Classifier classifier, INDArray image, int classIndex, OcclusionSettings settings) {
        Objects.requireNonNull(classifier, "classifier");
        Batch batch = batch(image, settings);
        INDArray features = Nd4j.create(batch.pixels(), new long[] {batch.images(), batch.channels(), batch.height(),
                batch.width()}, 'c');
        if (image.dataType() != DataType.FLOAT) {
            features = features.castTo(image.dataType());
        }
        LOG.debug("occlusion: one forward pass of {} images ({} positions + the unoccluded image)", batch.images(),
                batch.images() - 1);
        INDArray probabilities = classifier.probabilities(features);
        if (probabilities.rank() != 2 || probabilities.size(0) != batch.images()) {
            throw new IllegalStateException("the classifier answered " + batch.images() + " images with shape "
                    + Arrays.toString(probabilities.shape()) + " instead of " + batch.images()
                    + " rows of probabilities");
        }
        float[] probs = probabilities.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return batch.read(probs, (int) probabilities.size(1), 0, classIndex);
    }

    /**
     * The occluded copies of one image, to classify (alone or with other images in one call) and then
     * {@link #read}.
     *
     * @param pixels the unoccluded image, then one copy per position, row-major {@code [images, c, h, w]}
     * @param images the number of images (positions + 1)
     * @param channels the channels
     * @param height the height
     * @param width the width
     * @param settings the settings
     * @param rows the positions down
     * @param columns the positions across
     */
    record Batch(float[] pixels, int images, int channels, int height, int width, OcclusionSettings settings, int rows,
            int columns) {

        /**
         * Reads the map from the probabilities of this batch's images.
         *
         * @param probs the probabilities, row-major {@code [rows, classes]}
         * @param classes the number of classes
         * @param firstRow the row of this batch's unoccluded image
         * @param classIndex the class to explain, or -1 for the class predicted for the unoccluded image
         * @return the map
         */
        OcclusionMap read(float[] probs, int classes, int firstRow, int classIndex) {
            int positions = rows * columns;
            int at = firstRow * classes;
            int explained = classIndex;
            if (explained < 0) {
                explained = 0;
                for (int c = 1; c < classes; c++) {
                    if (probs[at + c] > probs[at + explained]) {
                        explained = c;
                    }
                }
            } else {
                Objects.checkIndex(explained, classes);
            }
            double base = probs[at + explained];
            List<Double> drops = new ArrayList<>(positions);
            int most = 0;
            for (int p = 0; p < positions; p++) {
                double drop = base - probs[at + (p + 1) * classes + explained];
                drops.add(drop);
                if (drop > drops.get(most)) {
                    most = p;
                }
            }
            int random = positions == 1 ? 0 : new SplittableRandom(settings.seed()).nextInt(positions - 1);
            if (positions > 1 && random >= most) {
                random++;
            }
            OcclusionMap.Faithfulness check = new OcclusionMap.Faithfulness(most / columns, most % columns,
                    probs[at + (most + 1) * classes + explained], random / columns, random % columns,
                    probs[at + (random + 1) * classes + explained]);
            return new OcclusionMap(explained, base, height, width, settings.patch(), settings.stride(), rows, columns,
                    drops, check);
        }
    }

    /**
     * Makes the occluded copies of one image.
     *
     * @param image one image, {@code [channels, height, width]} or {@code [1, channels, height, width]}
     * @param settings patch, stride, fill and seed
     * @return the batch: the unoccluded image first, then one copy per position
     */
    static Batch batch(INDArray image, OcclusionSettings settings) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(settings, "settings");
        long[] shape = image.shape();
        if (!(shape.length == 3 || (shape.length == 4 && shape[0] == 1))) {
            throw new IllegalArgumentException("an occlusion map needs one image shaped [channels, height, width] "
                    + "or [1, channels, height, width], but the image has shape " + Arrays.toString(shape));
        }
        int channels = (int) shape[shape.length - 3];
        int height = (int) shape[shape.length - 2];
        int width = (int) shape[shape.length - 1];
        int patch = settings.patch();
        int stride = settings.stride();
        if (patch > height || patch > width) {
            throw new IllegalArgumentException("the " + patch + "×" + patch + " patch does not fit the "
                    + height + "×" + width + " image");
        }
        int rows = (height - patch) / stride + 1;
        int columns = (width - patch) / stride + 1;
        int positions = rows * columns;
        int plane = height * width;
        int size = channels * plane;
        float[] pixels = image.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] fill = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            if (settings.fill().isPresent()) {
                fill[ch] = (float) settings.fill().getAsDouble();
            } else {
                double sum = 0;
                for (int k = 0; k < plane; k++) {
                    sum += pixels[ch * plane + k];
                }
                fill[ch] = (float) (sum / plane);
            }
        }
        float[] batch = new float[(positions + 1) * size];
        System.arraycopy(pixels, 0, batch, 0, size);
        for (int p = 0; p < positions; p++) {
            int offset = (p + 1) * size;
            System.arraycopy(pixels, 0, batch, offset, size);
            int top = (p / columns) * stride;
            int left = (p % columns) * stride;
            for (int ch = 0; ch < channels; ch++) {
                for (int y = top; y < top + patch; y++) {
                    Arrays.fill(batch, offset + ch * plane + y * width + left, offset + ch * plane + y * width + left + patch,
                            fill[ch]);
                }
            }
        }
        return new Batch(batch, positions + 1, channels, height, width, settings, rows, columns);
    }
}
