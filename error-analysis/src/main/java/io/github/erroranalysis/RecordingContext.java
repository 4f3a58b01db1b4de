package io.github.erroranalysis;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The context of an analysis that notes what a metric reads: which families of tallies, and whether it reads
 * examples, which no grouping can answer. The bootstrap computes a metric on it once to choose how to resample.
 */
final class RecordingContext extends Tallies {

    private final AnalysisContext base;
    private final Set<Grouping.Family> families = EnumSet.noneOf(Grouping.Family.class);
    private boolean examplesRead;

    /**
     * Records what is read of an analysis.
     *
     * @param base the analysis
     */
    RecordingContext(AnalysisContext base) {
        this.base = base;
    }

    /** The families read so far (none for a metric that reads no tally; {@link Grouping#normalize} groups it). */
    synchronized Set<Grouping.Family> families() {
        return EnumSet.copyOf(families);
    }

    /** Whether an example was read (what only drawn examples can answer). */
    synchronized boolean examplesRead() {
        return examplesRead;
    }

    private synchronized void read(Grouping.Family family) {
        families.add(family);
    }

    private synchronized void readExamples() {
        examplesRead = true;
    }

    @Override
    public int examples() {
        return base.examples();
    }

    @Override
    public int classCount() {
        return base.classCount();
    }

    @Override
    public List<String> classNames() {
        return base.classNames();
    }

    @Override
    public int trueClass(int example) {
        readExamples();
        return base.trueClass(example);
    }

    @Override
    public int predictedClass(int example) {
        readExamples();
        return base.predictedClass(example);
    }

    @Override
    public float probability(int example, int classIndex) {
        readExamples();
        return base.probability(example, classIndex);
    }

    @Override
    public long count(int trueClass, int predictedClass) {
        read(Grouping.Family.CELL);
        return base.count(trueClass, predictedClass);
    }

    @Override
    public long support(int trueClass) {
        read(Grouping.Family.CELL);
        return base.support(trueClass);
    }

    @Override
    public long predictedCount(int predictedClass) {
        read(Grouping.Family.CELL);
        return base.predictedCount(predictedClass);
    }

    @Override
    long correct() {
        read(Grouping.Family.CORRECT);
        return base.correct();
    }

    @Override
    long rankCount(int rank) {
        read(Grouping.Family.RANK);
        return base.rankCount(rank);
    }

    @Override
    long binCount(int bin) {
        read(Grouping.Family.BIN);
        return base.binCount(bin);
    }

    @Override
    long binCorrect(int bin) {
        read(Grouping.Family.BIN);
        return base.binCorrect(bin);
    }

    @Override
    double binConfidence(int bin) {
        read(Grouping.Family.BIN);
        return base.binConfidence(bin);
    }

    @Override
    double brierSum() {
        read(Grouping.Family.BRIER);
        return base.brierSum();
    }

    @Override
    double logLossSum() {
        read(Grouping.Family.LOG_LOSS);
        return base.logLossSum();
    }
}
