package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * What the factories of {@link ErrorAnalysis} do: run a model, read files, check probabilities or take the softmax
 * of logits, and validate the arrays an analysis is made of (the facade only delegates here).
 */
final class AnalysisFactories {

    private AnalysisFactories() {
    }

    /**
     * Validates the arrays and makes an analysis that owns them (callers pass fresh copies).
     *
     * @param classNames the class names, possibly empty for "class 0", "class 1", ...
     * @param classCount the number of classes C
     * @param probs      row-major probabilities, N·C values
     * @param labels     the N true classes
     * @param origins    the N origins (null entries allowed), or null when there are none
     * @return the analysis
     * @throws IllegalArgumentException naming the counts when they disagree, the test set is empty or C is below 2
     */
    static ErrorAnalysis create(List<String> classNames, int classCount, float[] probs, int[] labels,
            String[] origins) {
        if (classCount > 0 && (long) labels.length * classCount != probs.length) {
            throw new IllegalArgumentException(Formats.format(
                    "features/labels count mismatch: there are %d rows of predictions but %d labels",
                    probs.length / classCount, labels.length));
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("the test set is empty: there are no examples to analyse");
        }
        if (classCount < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, but the predictions have "
                    + classCount);
        }
        List<String> names = resolveClassNames(classNames, classCount);
        String[] kept = origins == null || Arrays.stream(origins).allMatch(Objects::isNull) ? null : origins;
        if (kept != null && kept.length != labels.length) {
            throw new IllegalArgumentException(Formats.format("there are %d labels but %d origins", labels.length,
                    kept.length));
        }
        return new ErrorAnalysis(new AnalysisContext(names, probs, labels, kept));
    }

    /**
     * Checks given class names against the class count, or makes "class 0", "class 1", ... when none are given.
     *
     * @param given      the given names, possibly empty
     * @param classCount the number of classes
     * @return the C class names
     */
    static List<String> resolveClassNames(List<String> given, int classCount) {
        List<String> names = ClassNames.check(given);
        if (names.isEmpty()) {
            return IntStream.range(0, classCount).mapToObj(c -> "class " + c).toList();
        }
        if (names.size() != classCount) {
            throw new IllegalArgumentException("there are " + names.size() + " class names " + names
                    + " but the predictions have " + classCount + " classes");
        }
        return names;
    }

    /**
     * Runs a classifier over a test set held in memory.
     * @see ErrorAnalysis#of(Classifier, DataSet, AnalysisOptions)
     */
    static ErrorAnalysis of(Classifier model, DataSet testSet, AnalysisOptions options) {
        return Inference.run(model, testSet, options).snapshot().withProvenance(Provenances.of(model, testSet));
    }

    /**
     * Runs a classifier over a test-set iterator.
     * @see ErrorAnalysis#of(Classifier, DataSetIterator, AnalysisOptions)
     */
    static ErrorAnalysis of(Classifier model, DataSetIterator testSet, AnalysisOptions options) {
        Provenances.Digesting digested = Provenances.digesting(testSet);
        return Inference.run(model, digested, options).snapshot().withProvenance(Provenances.of(model, digested));
    }

    /**
     * Checks probabilities given with class-index labels.
     * @see ErrorAnalysis#fromPredictions(INDArray, int[], List)
     */
    static ErrorAnalysis fromPredictions(INDArray probabilities, int[] labels, List<String> classNames) {
        Objects.requireNonNull(labels, "labels");
        return create(classNames, (int) probabilities.size(1), probabilityRows(probabilities), labels.clone(), null);
    }

    /**
     * Checks probabilities given with ND4J labels.
     * @see ErrorAnalysis#fromPredictions(INDArray, INDArray, List)
     */
    static ErrorAnalysis fromPredictions(INDArray probabilities, INDArray labels, List<String> classNames) {
        float[] p = probabilityRows(probabilities);
        int c = (int) probabilities.size(1);
        return create(classNames, c, p, NdArrays.labels(labels, c), null);
    }

    /**
     * Takes the softmax of logits given with class-index labels.
     * @see ErrorAnalysis#fromLogits(INDArray, int[], List)
     */
    static ErrorAnalysis fromLogits(INDArray logits, int[] labels, List<String> classNames) {
        Objects.requireNonNull(labels, "labels");
        return create(classNames, (int) logits.size(1), softmaxRows(logits), labels.clone(), null);
    }

    /**
     * Takes the softmax of logits given with ND4J labels.
     * @see ErrorAnalysis#fromLogits(INDArray, INDArray, List)
     */
    static ErrorAnalysis fromLogits(INDArray logits, INDArray labels, List<String> classNames) {
        float[] p = softmaxRows(logits);
        int c = (int) logits.size(1);
        return create(classNames, c, p, NdArrays.labels(labels, c), null);
    }

    /**
     * Checks probabilities held in plain arrays (as floats, shared: never changed; as doubles, narrowed).
     * @see ErrorAnalysis#fromPredictions(NumberArray, NumberArray, List)
     */
    static ErrorAnalysis fromPredictions(NumberArray probabilities, NumberArray labels, List<String> classNames) {
        int c = columns(probabilities, "probabilities");
        float[] p = probabilityRows(probabilities, c);
        return create(classNames, c, p, NdArrays.labels(labels, c), null);
    }

    /**
     * Takes the softmax of logits held in plain arrays.
     * @see ErrorAnalysis#fromLogits(NumberArray, NumberArray, List)
     */
    static ErrorAnalysis fromLogits(NumberArray logits, NumberArray labels, List<String> classNames) {
        int c = columns(logits, "logits");
        float[] p = softmaxRows(logits, c);
        return create(classNames, c, p, NdArrays.labels(labels, c), null);
    }

    /**
     * Reads {@code .npy} predictions into plain arrays (ND4J is not used), refusing files whose row counts differ
     * before either body is read.
     * @see ErrorAnalysis#fromNpy(Path, Path, List)
     */
    static ErrorAnalysis fromNpy(Path probabilities, Path labels, List<String> classNames) throws IOException {
        PredictionFiles.checkNpyRows(probabilities, labels);
        return fromPredictions(NpyFile.readNumbers(probabilities), NpyFile.readNumbers(labels), classNames)
                .withProvenance(Provenances.ofFiles(probabilities, labels));
    }

    /**
     * Reads CSV predictions.
     * @see ErrorAnalysis#fromCsv(Path, Path, List)
     */
    static ErrorAnalysis fromCsv(Path probabilities, Path labels, List<String> classNames) throws IOException {
        CsvPredictions csv = PredictionFiles.readCsv(probabilities, labels, classNames);
        return fromPredictions(csv.scores(), csv.labels(), classNames)
                .withProvenance(Provenances.ofFiles(probabilities, labels));
    }

    /** Checks probabilities in double (float64 kept) and narrows them, refusing a narrowing that moves an argmax. */
    private static float[] probabilityRows(INDArray probabilities) {
        double[] d = NdArrays.rowMajorDoubles(probabilities, "probabilities");
        return probabilityRows(NumberArray.wrap(d, d.length), (int) probabilities.size(1));
    }

    /** Checks logits and takes their softmax in double (float64 kept), then narrows as {@link #probabilityRows}. */
    private static float[] softmaxRows(INDArray logits) {
        double[] d = NdArrays.rowMajorDoubles(logits, "logits");
        return softmaxRows(NumberArray.wrap(d, d.length), (int) logits.size(1));
    }

    /** Checks that plain values are an N×C matrix with values, and gives C. */
    private static int columns(NumberArray matrix, String what) {
        if (matrix == null) {
            throw new NullPointerException(what);
        }
        NdArrays.requireMatrix(matrix.shape(), matrix.length(), what);
        long c = matrix.size(1);
        if (c > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " has " + c + " columns, more than a Java array holds");
        }
        return (int) c;
    }

    /**
     * Checks probabilities in double and gives them as float: floats are checked widened (exactly) and shared,
     * for narrowing them back is exact and moves no argmax; doubles are narrowed, refusing a moved argmax.
     */
    private static float[] probabilityRows(NumberArray probabilities, int c) {
        if (probabilities.isFloat()) {
            Checks.requireWideProbabilityRows(probabilities.floats(), c);
            return probabilities.floats();
        }
        double[] d = probabilities.doubles();
        Checks.requireProbabilityRows(d, c);
        return NdArrays.narrow(d, c);
    }

    /** Checks logits and takes their softmax in double, row by row, narrowing each row as probabilities are. */
    private static float[] softmaxRows(NumberArray logits, int c) {
        if (logits.isFloat()) {
            Checks.refuseWideProbabilitiesAsLogits(logits.floats(), c);
        } else {
            Checks.refuseProbabilitiesAsLogits(logits.doubles(), c);
        }
        return Softmax.narrowed(logits, c);
    }
}
