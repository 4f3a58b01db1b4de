package io.github.erroranalysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads predictions made elsewhere (PyTorch, Keras, NumPy): {@code .npy} arrays and CSV files.
 *
 * <p>CSV files are UTF-8 (a byte-order mark is skipped), comma-separated, cells optionally in double quotes, with
 * any line ends. <b>The header rule</b>, the same for a predictions matrix and a labels file: the first non-blank
 * line is a header when one of its cells is not a number (names, or pandas' index header {@code ,0,1,…}; an empty
 * first header cell marks pandas' index column, which is then dropped from every row). A first line that is exactly
 * the column indexes {@code 0,1,…,C-1} written as integers (pandas' {@code to_csv(index=False)} header; a lone
 * {@code 0} for labels) is a header when reading it as data would leave one row more than the other file has; when
 * both files start with such a line and have as many lines, both are headers if the matrix's other rows are not all
 * integers, and the files are refused as ambiguous otherwise. Read alone, such a matrix line is a header when the
 * other rows are not all integers (refused otherwise), and a labels file's lone {@code 0} is a label. When the class
 * names are given ({@link #readCsv(Path, Path, List)}, {@link #readCsvMatrix(Path, long, List)}), a matrix's first
 * line that is exactly the class names, in order, is a header too, numeric names such as {@code 1,2,…,10} included
 * (names {@code 0,1,…,C-1} are the column indexes, and their rule above applies). <b>Columns by name:</b> a header
 * of non-numeric cells that names any class must name each class exactly once; its columns are then taken by name,
 * in whatever order the file has them (a missing, extra or repeated name is refused, naming it). <b>Index
 * columns:</b> when both files have pandas' index column, the two must be the same sequence (else refused, naming
 * the first row that differs); when one file has one, it must be {@code 0..N-1} in order (else refused: the rows
 * were shuffled or filtered). A labels file may hold one-hot rows of C values instead of class indices (under a header of class names,
 * also taken by name, when the names are given). Values are
 * read as doubles. Every error names the file and line.
 *
 * <p>{@code .npy} files: {@link #readNpy(Path)} is {@link NpyFile#read(Path)}, kept here beside the CSV readers;
 * {@link NpyFile} is the reader itself, with {@link NpyFile#readHeader(Path)} for a header's dtype and shape.
 */
public final class PredictionFiles {

    private PredictionFiles() {
    }

    /**
     * Reads a NumPy {@code .npy} file: delegates to {@link NpyFile#read(Path)}, the same reader with the same checks
     * and messages ({@link NpyFile#readHeader(Path)} reads only the header).
     *
     * @param file the file
     * @return its array, in C order
     * @throws IOException if the file does not exist or is not a valid {@code .npy} file; the message names it
     */
    public static INDArray readNpy(Path file) throws IOException {
        return NpyFile.read(file);
    }

    /**
     * Reads a NumPy {@code .npy} file into a plain Java array without ND4J: delegates to
     * {@link NpyFile#readNumbers(Path)}, the same checks and messages as {@link #readNpy(Path)}.
     *
     * @param file the file
     * @return its values, in C order, with its shape
     * @throws IOException if the file does not exist or is not a valid {@code .npy} file; the message names it
     */
    public static NumberArray readNpyNumbers(Path file) throws IOException {
        return NpyFile.readNumbers(file);
    }

    /**
     * Refuses a predictions {@code .npy} file and a labels {@code .npy} file whose row counts differ, from their
     * headers alone, before a byte of either body is read (so a wrong file of any size fails at once). Shapes that
     * are refused for another reason once read (a predictions array that is not a matrix, labels that are neither
     * class indices nor one-hot rows of the predictions' width) pass here.
     *
     * @param predictions the N×C predictions file
     * @param labels the labels file: N class indices (a vector or an N×1 column) or N×C one-hot rows
     * @throws IOException if a header cannot be read or is not valid; the message names the file
     * @throws IllegalArgumentException naming both files and both counts when the row counts differ
     */
    public static void checkNpyRows(Path predictions, Path labels) throws IOException {
        List<Long> p = NpyFile.readHeader(predictions).shape();
        List<Long> l = NpyFile.readHeader(labels).shape();
        if (p.size() != 2 || p.get(0) == 0 || p.get(1) == 0 || l.isEmpty()) {
            return;
        }
        long classes = p.get(1);
        boolean rows = l.size() == 1 || (l.size() == 2 && (l.get(1) == 1 || l.get(1) == classes));
        if (rows && !l.get(0).equals(p.get(0))) {
            throw new IllegalArgumentException(rowMismatch(predictions, p.get(0), labels, l.get(0)));
        }
    }

    /**
     * Words a row count of predictions that differs from the count of their labels, as every reader says it.
     *
     * @param predictions the predictions file
     * @param rows its rows
     * @param labels the labels file
     * @param labelCount its labels
     * @return for example "p.npy has 1000 rows of predictions but y.npy has 999 labels"
     */
    public static String rowMismatch(Path predictions, long rows, Path labels, long labelCount) {
        return String.format(java.util.Locale.ROOT, "%s has %d rows of predictions but %s has %d labels", predictions,
                rows, labels, labelCount);
    }

    // ---------------------------------------------------------------- CSV (the header rule: see the class)

    /**
     * Reads a CSV file of numbers, one row per example, into an N×C double matrix (every digit the file holds kept), deciding a header by the rule
     * of {@link #readCsv(Path, Path)} for a file read alone (a first line {@code 0,1,…,C-1} is a header when the
     * other rows are not all integers, and refused as ambiguous when they are).
     *
     * @param file the file: UTF-8 (a byte-order mark is skipped), comma-separated, cells optionally in quotes
     * @return an N×C matrix
     * @throws IOException if the file cannot be read or is not UTF-8; the message names the file and line
     */
    public static INDArray readCsvMatrix(Path file) throws IOException {
        CsvFiles.Table t = CsvFiles.read(file, false);
        boolean drop = CsvFiles.dropFirstAlone(t);
        CsvFiles.checkIndexes(t, drop, null, false);
        return matrix(t, drop);
    }

    /**
     * Reads a CSV file of numbers for labels of known count, such as those of a {@code .npy} file: a first line
     * {@code 0,1,…,C-1} is a header exactly when taking it as data would leave one row more than
     * {@code expectedRows}.
     *
     * @param file the file
     * @param expectedRows how many examples the labels have
     * @return an N×C matrix
     * @throws IOException if the file cannot be read or is not UTF-8; the message names the file and line
     */
    public static INDArray readCsvMatrix(Path file, long expectedRows) throws IOException {
        return readCsvMatrix(file, expectedRows, List.of());
    }

    /**
     * Reads a CSV file of numbers for labels of known count, like {@link #readCsvMatrix(Path, long)}, where a first
     * line that is exactly the class names (such as {@code 1,2,…,10}) is a header as well.
     *
     * @param file the file
     * @param expectedRows how many examples the labels have
     * @param classNames the class names, one per column, or an empty list when they are not known
     * @return an N×C matrix
     * @throws IOException if the file cannot be read or is not UTF-8; the message names the file and line
     */
    public static INDArray readCsvMatrix(Path file, long expectedRows, List<String> classNames) throws IOException {
        NumberArray n = readCsvMatrixNumbers(file, expectedRows, classNames);
        return Nd4j.create(n.doubles(), n.shape(), 'c');
    }

    /**
     * Reads a CSV file of numbers for labels of known count into a plain N×C array of doubles, without ND4J: the
     * same rule, checks and messages as {@link #readCsvMatrix(Path, long, List)}.
     *
     * @param file the file
     * @param expectedRows how many examples the labels have
     * @param classNames the class names, one per column, or an empty list when they are not known
     * @return an N×C array of doubles
     * @throws IOException if the file cannot be read or is not UTF-8; the message names the file and line
     */
    public static NumberArray readCsvMatrixNumbers(Path file, long expectedRows, List<String> classNames)
            throws IOException {
        CsvFiles.Table t = CsvFiles.read(file, false, classNames);
        boolean drop = CsvFiles.dropFirst(t, expectedRows);
        CsvFiles.checkIndexes(t, drop, null, false);
        return numbers(t, drop);
    }

    /**
     * Reads a CSV file of integer class indices, one per line (a single column; a header of names is skipped; a
     * first line {@code 0} is taken as a label here, since only the predictions' row count can tell it from
     * pandas' default header: use {@link #readCsv(Path, Path)} or {@link #readCsvLabels(Path, long)} for that).
     *
     * @param file the file
     * @return the class indices
     * @throws IOException if the file cannot be read or is not UTF-8; the message names the file and line
     */
    public static int[] readCsvLabels(Path file) throws IOException {
        CsvFiles.Table t = CsvFiles.read(file, true);
        CsvFiles.checkIndexes(t, false, null, false);
        return CsvFiles.narrow(file, CsvFiles.labelValues(t, false));
    }

    /**
     * Reads a CSV file of integer class indices for predictions of known count, such as those of a {@code .npy}
     * file: a first line {@code 0} is pandas' header exactly when taking it as a label would leave one label
     * more than {@code expectedRows}.
     *
     * @param file the file
     * @param expectedRows how many examples the predictions have
     * @return the class indices
     * @throws IOException if the file cannot be read or is not UTF-8; the message names the file and line
     */
    public static int[] readCsvLabels(Path file, long expectedRows) throws IOException {
        return readCsvLabels(file, expectedRows, List.of());
    }

    /**
     * Reads a CSV file of class indices (or one-hot rows) for predictions of known count, like
     * {@link #readCsvLabels(Path, long)}, where a header of one-hot rows that names the classes maps its columns by
     * name.
     *
     * @param file the file
     * @param expectedRows how many examples the predictions have
     * @param classNames the class names, or an empty list when they are not known
     * @return the class indices
     * @throws IOException if the file cannot be read or is not UTF-8; the message names the file and line
     */
    public static int[] readCsvLabels(Path file, long expectedRows, List<String> classNames) throws IOException {
        CsvFiles.Table t = CsvFiles.read(file, true, classNames);
        boolean drop = CsvFiles.dropFirst(t, expectedRows);
        CsvFiles.checkIndexes(t, drop, null, false);
        return CsvFiles.narrow(file, CsvFiles.labelValues(t, drop));
    }

    /**
     * Reads predictions and their labels from two CSV files, deciding their headers together: a first line whose
     * cells are not all numbers is a header (an empty first cell marks pandas' index column, which is dropped); a
     * first line of the column indexes {@code 0,1,…,C-1} (pandas' default header; {@code 0} for labels) is a header
     * when the row counts then agree, and when both readings agree it is one if the matrix's other rows are not all
     * integers (otherwise the files are refused as ambiguous, never guessed). Files with different row counts
     * are refused, naming both.
     *
     * @param predictions the N×C predictions (probabilities or logits)
     * @param labels the N class indices, one per line
     * @return the scores and the labels
     * @throws IOException if a file cannot be read or is not UTF-8; the message names the file and line
     */
    public static CsvPredictions readCsv(Path predictions, Path labels) throws IOException {
        return readCsv(predictions, labels, List.of());
    }

    /**
     * Reads predictions and their labels from two CSV files, like {@link #readCsv(Path, Path)}, where a first line of
     * the predictions that is exactly the class names (such as {@code 1,2,…,10}) is a header as well.
     *
     * @param predictions the N×C predictions (probabilities or logits)
     * @param labels the N class indices, one per line
     * @param classNames the C class names, in column order, or an empty list when they are not known
     * @return the scores and the labels
     * @throws IOException if a file cannot be read or is not UTF-8; the message names the file and line
     */
    public static CsvPredictions readCsv(Path predictions, Path labels, List<String> classNames) throws IOException {
        Numbers n = readCsvPair(predictions, labels, classNames);
        return new CsvPredictions(Nd4j.create(n.scores().doubles(), n.scores().shape(), 'c'),
                Nd4j.createFromArray(n.labelValues));
    }

    /**
     * Predictions and labels read together into plain arrays by {@link #readCsvNumbers(Path, Path, List)}, ready for
     * {@link ErrorAnalysis#fromPredictions(NumberArray, NumberArray, List)} or
     * {@link ErrorAnalysis#fromLogits(NumberArray, NumberArray, List)}.
     *
     * @param scores the N×C probabilities or logits, as doubles (the file's digits kept)
     * @param labels the N class indices, as doubles (exact up to 2^53; narrowed, with a check, by the analysis)
     */
    public record CsvNumbers(NumberArray scores, NumberArray labels) {

        /**
         * Checks that both parts are there.
         *
         * @param scores the N×C scores
         * @param labels the N labels
         */
        public CsvNumbers {
            java.util.Objects.requireNonNull(scores, "scores");
            java.util.Objects.requireNonNull(labels, "labels");
        }
    }

    /**
     * Reads predictions and their labels from two CSV files into plain arrays, without ND4J: the same rule, checks
     * and messages as {@link #readCsv(Path, Path, List)}.
     *
     * @param predictions the N×C predictions (probabilities or logits)
     * @param labels the N class indices, one per line
     * @param classNames the C class names, in column order, or an empty list when they are not known
     * @return the scores and the labels
     * @throws IOException if a file cannot be read or is not UTF-8; the message names the file and line
     */
    public static CsvNumbers readCsvNumbers(Path predictions, Path labels, List<String> classNames)
            throws IOException {
        Numbers n = readCsvPair(predictions, labels, classNames);
        return new CsvNumbers(n.scores(), n.labels());
    }

    /** What the CSV pair reader gives both the ND4J and the plain readers. */
    private record Numbers(NumberArray scores, NumberArray labels, long[] labelValues) {
    }

    private static Numbers readCsvPair(Path predictions, Path labels, List<String> classNames) throws IOException {
        CsvFiles.Table m = CsvFiles.read(predictions, false, classNames);
        CsvFiles.Table l = CsvFiles.read(labels, true, classNames);
        boolean[] drop = CsvFiles.dropFirst(m, l);
        if (m.rows(drop[0]) != l.rows(drop[1])) {
            throw new IllegalArgumentException(rowMismatch(predictions, m.rows(drop[0]), labels, l.rows(drop[1])));
        }
        if (l.columns() > 1 && l.columns() != m.columns()) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s has one-hot rows of %d "
                    + "values but %s has %d columns (one per class)", labels, l.columns(), predictions, m.columns()));
        }
        CsvFiles.checkIndexes(m, drop[0], l, drop[1]);
        long[] truth = CsvFiles.labelValues(l, drop[1]);
        double[] wide = new double[truth.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = truth[i];
        }
        return new Numbers(numbers(m, drop[0]), NumberArray.wrap(wide, wide.length), truth);
    }

    private static INDArray matrix(CsvFiles.Table t, boolean dropFirst) {
        NumberArray n = numbers(t, dropFirst);
        return Nd4j.create(n.doubles(), n.shape(), 'c');
    }

    private static NumberArray numbers(CsvFiles.Table t, boolean dropFirst) {
        return NumberArray.wrap(CsvFiles.matrixValues(t, dropFirst), t.rows(dropFirst), t.columns());
    }
}
