package io.github.erroranalysis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** The provenance the factories of {@link ErrorAnalysis} give: what they can fingerprint of the model and data. */
final class Provenances {

    /** The seed of an analysis's random choices (bootstrap, picked examples) unless said otherwise. */
    static final long DEFAULT_SEED = Bootstrap.DEFAULT_SEED;

    private Provenances() {
    }

    /** Gives the provenance of an analysis whose model and data nobody named: its predictions' fingerprint. */
    static Provenance ofPredictions(float[] probabilities, int[] labels, Instant date) {
        return new Provenance(Provenance.UNKNOWN, Provenance.UNKNOWN, Provenance.UNKNOWN,
                Fingerprints.ofPredictions(probabilities, labels), Provenance.currentLibraryVersion(), date,
                DEFAULT_SEED);
    }

    /** Gives the default provenance of {@link #ofPredictions} with its data fingerprint still unknown. */
    static Provenance unnamed(Instant date) {
        return new Provenance(Provenance.UNKNOWN, Provenance.UNKNOWN, Provenance.UNKNOWN, Provenance.UNKNOWN,
                Provenance.currentLibraryVersion(), date, DEFAULT_SEED);
    }

    /** Gives the provenance of predictions read from files: their names and the SHA-256 of their bytes. */
    static Provenance ofFiles(Path probabilities, Path labels) throws IOException {
        return Provenance.current(DEFAULT_SEED).withData(probabilities + " with labels " + labels,
                Fingerprints.ofFiles(probabilities, labels));
    }

    /**
     * Gives the provenance of a model run over a test set held in memory: the model's parameters fingerprinted when
     * it is a DL4J network or graph (its name is the caller's to say).
     */
    static Provenance of(Classifier model, DataSet testSet) {
        return Provenance.current(DEFAULT_SEED).withModel(Provenance.UNKNOWN, modelFingerprint(model))
                .withData(Provenance.UNKNOWN, Fingerprints.ofData(testSet.getFeatures(), testSet.getLabels()));
    }

    /** Gives the provenance of a model run over a test-set iterator, whose batches the iterator digested. */
    static Provenance of(Classifier model, Digesting testSet) {
        return Provenance.current(DEFAULT_SEED).withModel(Provenance.UNKNOWN, modelFingerprint(model))
                .withData(Provenance.UNKNOWN, testSet.digest.fingerprint());
    }

    private static String modelFingerprint(Classifier model) {
        return model instanceof ModelAdapters.Fingerprinted f ? f.fingerprint() : Provenance.UNKNOWN;
    }

    /**
     * Wraps a test-set iterator so that every batch it gives is also digested for the data fingerprint (a reset
     * starts the digest over).
     *
     * @param testSet the iterator
     * @return the digesting iterator
     */
    static Digesting digesting(DataSetIterator testSet) {
        return new Digesting(java.util.Objects.requireNonNull(testSet, "testSet"));
    }

    /** A test-set iterator that digests the features and labels of every batch it gives. */
    static final class Digesting implements DataSetIterator {

        private static final long serialVersionUID = 1L;

        private final DataSetIterator inner;
        private final transient Fingerprints.Digest digest = new Fingerprints.Digest();

        private Digesting(DataSetIterator inner) {
            this.inner = inner;
        }

        private DataSet seen(DataSet ds) {
            if (ds != null) {
                digest.add(ds.getFeatures(), ds.getLabels());
            }
            return ds;
        }

        @Override
        public DataSet next(int num) {
            return seen(inner.next(num));
        }

        @Override
        public DataSet next() {
            return seen(inner.next());
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public int inputColumns() {
            return inner.inputColumns();
        }

        @Override
        public int totalOutcomes() {
            return inner.totalOutcomes();
        }

        @Override
        public boolean resetSupported() {
            return inner.resetSupported();
        }

        @Override
        public boolean asyncSupported() {
            return false;
        }

        @Override
        public void reset() {
            inner.reset();
            digest.reset();
        }

        @Override
        public int batch() {
            return inner.batch();
        }

        @Override
        public void setPreProcessor(DataSetPreProcessor preProcessor) {
            inner.setPreProcessor(preProcessor);
        }

        @Override
        public DataSetPreProcessor getPreProcessor() {
            return inner.getPreProcessor();
        }

        @Override
        public List<String> getLabels() {
            return inner.getLabels();
        }
    }
}
