package io.github.erroranalysis.examples;

import io.github.erroranalysis.Progress;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Normalization;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.report.Evidence;
import io.github.erroranalysis.report.ImageSource;
import io.github.erroranalysis.report.ModelInputs;
import java.util.Objects;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The report's evidence over CIFAR data: a {@link CifarDataset} as {@link ModelInputs} (normalized exactly as the
 * model's iterator normalizes it, {@link CifarModel#iterator}), its images as an {@link ImageSource}, and the
 * default {@link Evidence} of a model on a pile.
 */
public final class CifarEvidence {

    private CifarEvidence() {
    }

    /**
     * Gives a pile as the model takes it: features {@code [n, 3, 32, 32]} normalized with the model's normalization,
     * the given labels, and origins such as {@code data_batch_3.bin#17}.
     *
     * @param data the pile
     * @param normalization the model's normalization ({@link CifarModel#normalization()})
     * @return the inputs, by the pile's index
     */
    public static ModelInputs inputs(CifarDataset data, Normalization normalization) {
        return inputs(data, normalization, Progress.NONE);
    }

    /**
     * Gives a pile as the model takes it, telling a progress listener how far the examples asked for reach (the
     * report asks for the training data in increasing order, once); the listener hears {@code finished()} when the
     * last example is asked for.
     *
     * @param data the pile
     * @param normalization the model's normalization
     * @param progress hears the end of each range of examples asked for, out of the pile's size
     * @return the inputs, by the pile's index
     */
    public static ModelInputs inputs(CifarDataset data, Normalization normalization, Progress progress) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(progress, "progress");
        return new ModelInputs() {
            private int reached;

            @Override
            public int size() {
                return data.size();
            }

            @Override
            public INDArray inputs(int from, int to) {
                Objects.checkFromToIndex(from, to, data.size());
                int n = to - from;
                float[] features = new float[Math.multiplyExact(n, CifarDataset.IMAGE_BYTES)];
                for (int k = 0; k < n; k++) {
                    normalization.apply(data.pixels(from + k), features, k * CifarDataset.IMAGE_BYTES);
                }
                INDArray x = Nd4j.create(features, new long[] {n, CifarDataset.CHANNELS, CifarDataset.SIDE,
                        CifarDataset.SIDE}, 'c');
                if (to > reached) {
                    reached = to;
                    progress.examplesDone(to, data.size());
                    if (to == data.size()) {
                        progress.finished();
                    }
                }
                return x;
            }

            @Override
            public int label(int index) {
                return data.label(index);
            }

            @Override
            public Optional<String> origin(int index) {
                return Optional.of(data.origin(index).toString());
            }
        };
    }

    /**
     * Gives the images of a pile by index (the index the report passes is the pile's: an analysed example's or a
     * training record's {@code trainIndex}); an index outside the pile has no image.
     *
     * @param data the pile
     * @return the image source
     */
    public static ImageSource images(CifarDataset data) {
        Objects.requireNonNull(data, "data");
        return (index, origin) -> index >= 0 && index < data.size() ? Optional.of(data.image(index))
                : Optional.empty();
    }

    /**
     * Gives the default evidence of a model on the pile it analysed (saliency for the shown mistakes, no training
     * data yet: add it with {@link Evidence#withTraining}).
     *
     * @param model the model
     * @param analysed the pile the analysis holds, in its order
     * @return the evidence settings
     */
    public static Evidence of(CifarModel model, CifarDataset analysed) {
        return Evidence.of(model.model(), inputs(analysed, model.normalization()));
    }

    /**
     * Gives evidence with training data: {@link #of} plus the training pile, its images and its source.
     *
     * @param model the model
     * @param analysed the pile the analysis holds
     * @param training the training pile, in the order read ({@code trainIndex} is its index)
     * @param source where the training data came from, for the report
     * @param progress hears how far the embedding of the training data has come
     * @return the evidence settings
     */
    public static Evidence withTraining(CifarModel model, CifarDataset analysed, CifarDataset training,
            String source, Progress progress) {
        return of(model, analysed).withTraining(inputs(training, model.normalization(), progress), images(training),
                source);
    }
}
