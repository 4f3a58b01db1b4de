package io.github.erroranalysis.cifar.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feeds a {@link CifarDataset} to ND4J in mini-batches: features NCHW {@code float} ({@code [n, 3, 32, 32]}) scaled to
 * [0,1] and then normalized, one-hot labels ({@code [n, classes]}), and each example's {@link Origin} as DL4J
 * example metadata.
 *
 * <p>With shuffling on, every epoch visits the examples in a new order drawn from the seed and the epoch number, so
 * runs are reproducible; {@link #reset()} starts the next epoch. Without shuffling the order is the data set's.
 */
public final class CifarDataSetIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient CifarDataset data;
    private final int batchSize;
    private final Normalization normalization;
    private final boolean shuffle;
    private final long seed;
    private int[] order;
    private int cursor;
    private int epoch;
    private DataSetPreProcessor preProcessor;

    /**
     * Creates an iterator over {@code data}.
     *
     * @param data          the pile to feed
     * @param batchSize     examples per mini-batch (the last one may be smaller)
     * @param normalization how bytes become inputs; {@link Normalization#SCALE_ONLY} for plain [0,1]
     * @param shuffle       whether to visit examples in a new seeded order every epoch
     * @param seed          the shuffling seed (ignored without shuffling)
     */
    public CifarDataSetIterator(CifarDataset data, int batchSize, Normalization normalization, boolean shuffle,
                                long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        this.data = data;
        this.batchSize = batchSize;
        this.normalization = normalization;
        this.shuffle = shuffle;
        this.seed = seed;
        this.order = orderFor(0);
    }

    /**
     * Creates an iterator in data set order, without shuffling.
     *
     * @param data          the pile to feed
     * @param batchSize     examples per mini-batch
     * @param normalization how bytes become inputs
     */
    public CifarDataSetIterator(CifarDataset data, int batchSize, Normalization normalization) {
        this(data, batchSize, normalization, false, 0);
    }

    /**
     * Returns the whole pile as one {@link DataSet} (features, one-hot labels and origins as metadata).
     *
     * @param data          the pile
     * @param normalization how bytes become inputs
     * @return one data set of {@code data.size()} examples in data set order
     */
    public static DataSet toDataSet(CifarDataset data, Normalization normalization) {
        int[] all = new int[data.size()];
        Arrays.setAll(all, i -> i);
        return batchOf(data, normalization, all, 0, all.length);
    }

    private int[] orderFor(int epochNumber) {
        int[] indexes = new int[data.size()];
        Arrays.setAll(indexes, i -> i);
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epochNumber);
            for (int i = indexes.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = indexes[i];
                indexes[i] = indexes[j];
                indexes[j] = tmp;
            }
        }
        return indexes;
    }

    private static DataSet batchOf(CifarDataset data, Normalization normalization, int[] order, int from, int to) {
        int n = to - from;
        int classes = data.classCount();
        float[] features = new float[n * CifarDataset.IMAGE_BYTES];
        float[] labels = new float[n * classes];
        Serializable[] origins = new Serializable[n];
        for (int k = 0; k < n; k++) {
            int i = order[from + k];
            normalization.apply(data.pixelsUnsafe(i), features, k * CifarDataset.IMAGE_BYTES);
            labels[k * classes + data.label(i)] = 1f;
            origins[k] = data.origin(i);
        }
        INDArray x = Nd4j.create(features, new long[] {n, CifarDataset.CHANNELS, CifarDataset.SIDE,
                CifarDataset.SIDE}, 'c');
        INDArray y = Nd4j.create(labels, new long[] {n, classes}, 'c');
        DataSet batch = new DataSet(x, y);
        batch.setExampleMetaData(Arrays.asList(origins));
        return batch;
    }

    /**
     * Returns the pile this iterator feeds.
     *
     * @return the data set
     */
    public CifarDataset dataset() {
        return data;
    }

    /**
     * Returns the normalization applied to every batch.
     *
     * @return the normalization
     */
    public Normalization normalization() {
        return normalization;
    }

    /**
     * Returns the number of the current epoch, counting resets from 0.
     *
     * @return the epoch number
     */
    public int epoch() {
        return epoch;
    }

    /** {@inheritDoc} */
    @Override
    public DataSet next(int num) {
        if (num <= 0) {
            throw new IllegalArgumentException("num must be > 0, got " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " is over after " + data.size() + " examples");
        }
        int to = Math.min(cursor + num, data.size());
        DataSet batch = batchOf(data, normalization, order, cursor, to);
        cursor = to;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** {@inheritDoc} */
    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /** {@inheritDoc} */
    @Override
    public boolean hasNext() {
        return cursor < data.size();
    }

    /** {@inheritDoc} */
    @Override
    public int inputColumns() {
        return CifarDataset.IMAGE_BYTES;
    }

    /** {@inheritDoc} */
    @Override
    public int totalOutcomes() {
        return data.classCount();
    }

    /** {@inheritDoc} */
    @Override
    public boolean resetSupported() {
        return true;
    }

    /** {@inheritDoc} */
    @Override
    public boolean asyncSupported() {
        return true;
    }

    /** Starts the next epoch, in a new seeded order when shuffling. */
    @Override
    public void reset() {
        epoch++;
        order = orderFor(epoch);
        cursor = 0;
    }

    /** {@inheritDoc} */
    @Override
    public int batch() {
        return batchSize;
    }

    /** {@inheritDoc} */
    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    /** {@inheritDoc} */
    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /**
     * Returns the class names, in label order.
     *
     * @return the class names
     */
    @Override
    public List<String> getLabels() {
        return data.classNames();
    }

    /** This iterator does not support removal. */
    @Override
    public void remove() {
        throw new UnsupportedOperationException("remove");
    }
}
