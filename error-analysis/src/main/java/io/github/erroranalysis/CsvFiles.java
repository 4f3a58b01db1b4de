package io.github.erroranalysis;

import io.github.erroranalysis.internal.Formats;
import io.github.erroranalysis.io.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The CSV reading behind {@link PredictionFiles}: strict UTF-8 read by {@link Utf8Text} (a byte-order mark skipped;
 * a byte that is not UTF-8 named by file, line and offset), blank lines skipped,
 * {@code \n}, {@code \r\n} or {@code \r} line ends, cells separated by commas, optionally in double quotes
 * ({@code ""} inside quotes is one quote; a quoted cell cannot span lines), and the header rule of
 * {@link PredictionFiles} (a first line of exactly the class names included, when they are given).
 */
final class CsvFiles {

    /** What the first non-blank line of a file is. */
    enum First {
        /** The file has no non-blank line. */
        EMPTY,
        /** A header: a cell is not a number, or the line is exactly the class names (when they are known). */
        HEADER,
        /** Exactly the column indexes {@code 0,1,…} written as integers: pandas' default header, or data. */
        INDEXES,
        /** A row of numbers that is not the column indexes: data. */
        DATA
    }

    /**
     * A file's numbers, the first non-blank line included when it is numeric.
     *
     * @param file the file, for messages
     * @param first what its first non-blank line is
     * @param firstLine the 1-based line number of the first data candidate (the first line unless it is a header)
     * @param rows how many numeric rows there are, the {@link First#INDEXES} line included
     * @param columns how many values each row has
     * @param values the rows' values, row-major ({@code rows × columns}); floats for a matrix, unused for labels
     * @param labels the rows' values as whole numbers for a labels file, unused for a matrix
     * @param restIntegers whether every row after the first holds only integers (no decimal point or exponent)
     * @param indexColumn whether a leading pandas index column (an empty header cell) was dropped
     */
    record Table(Path file, First first, int firstLine, int rows, int columns, float[] values, long[] labels,
            boolean restIntegers, boolean indexColumn) {

        /**
         * Tells how many rows the file has when its {@link First#INDEXES} line is or is not a header.
         *
         * @param dropFirst whether the first line is taken as a header
         * @return the number of data rows
         */
        int rows(boolean dropFirst) {
            return rows - (dropFirst ? 1 : 0);
        }
    }

    private CsvFiles() {
    }

    /**
     * Reads a file of numbers, N rows of C values.
     *
     * @param file the file
     * @param labels whether it is a labels file (one whole number per row) rather than a matrix
     * @return its rows
     * @throws IOException if it cannot be read, or is not UTF-8
     */
    static Table read(Path file, boolean labels) throws IOException {
        return read(file, labels, List.of());
    }

    /**
     * Reads a file of numbers, N rows of C values, where a matrix's first line that is exactly the class names
     * (numeric names such as {@code 1,2,…,10} included) is a header.
     *
     * @param file the file
     * @param labels whether it is a labels file (one whole number per row) rather than a matrix
     * @param classNames the class names, one per column, or an empty list (or null) when they are not known; unused
     *                   for labels
     * @return its rows
     * @throws IOException if it cannot be read, or is not UTF-8
     */
    static Table read(Path file, boolean labels, List<String> classNames) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Builder b = new Builder(file, labels, labels ? List.of() : classNames);
        try (Utf8Text.Lines in = Utf8Text.lines(file)) {
            for (String line = in.next(); line != null; line = in.next()) {
                if (line.isBlank()) {
                    continue;
                }
                int lineNumber = Math.toIntExact(in.lineNumber());
                b.line(lineNumber, split(file, lineNumber, line));
            }
        }
        return b.build();
    }

    /** Collects rows as they are read. */
    private static final class Builder {
        private final Path file;
        private final boolean labels;
        private First first = First.EMPTY;
        private int firstLine;
        private int columns = -1;
        private int headerCells = -1;
        private boolean indexColumn;
        private int rows;
        private float[] values = new float[0];
        private long[] whole = new long[0];
        private boolean restIntegers = true;
        private final List<String> classNames;

        Builder(Path file, boolean labels, List<String> classNames) {
            this.file = file;
            this.labels = labels;
            this.classNames = classNames == null ? List.of() : classNames;
        }

        void line(int number, String[] cells) {
            if (first == First.EMPTY) {
                boolean numbers = Arrays.stream(cells).allMatch(Numbers::isNumber);
                boolean indexes = numbers && isIndexes(cells);
                // numeric class names as a header: exactly the names, in order (names 0..C-1 are the indexes' rule)
                if (numbers && (indexes || !isClassNames(cells))) {
                    first = indexes ? First.INDEXES : First.DATA;
                    firstLine = number;
                } else {
                    first = First.HEADER;
                    indexColumn = cells.length > 1 && cells[0].isEmpty();
                    headerCells = cells.length - (indexColumn ? 1 : 0);
                    return;
                }
            } else if (firstLine == 0) {
                firstLine = number;
            }
            String[] data = indexColumn ? Arrays.copyOfRange(cells, 1, cells.length) : cells;
            if (indexColumn && cells.length < 2) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: %d value(s), but the header starts "
                        + "with an index column and so needs at least 2", file, number, cells.length));
            }
            if (columns < 0) {
                columns = data.length;
                if (headerCells >= 0 && headerCells != columns) {
                    throw new IllegalArgumentException(Formats.format("%s, line %d: %d values, but the header has "
                            + "%d names", file, number, columns, headerCells));
                }
                if (labels && columns != 1) {
                    throw new IllegalArgumentException(Formats.format("%s, line %d: expected one class index per "
                            + "line but found %d values", file, number, columns));
                }
            } else if (data.length != columns) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: %d values, but line %d has %d",
                        file, number, data.length, firstLine, columns));
            }
            if ((long) (rows + 1) * columns > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: more than %d values, more than a "
                        + "Java array holds", file, number, Integer.MAX_VALUE - 16));
            }
            boolean integers = true;
            if (labels) {
                if (rows == whole.length) {
                    whole = Arrays.copyOf(whole, Math.max(16, whole.length + (whole.length >> 1)));
                }
                whole[rows] = label(number, data[0]);
                integers = Numbers.isInteger(data[0]);
            } else {
                int need = (rows + 1) * columns;
                if (need > values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 16,
                            Math.max(need, Math.max(64, (long) values.length + (values.length >> 1)))));
                }
                for (int c = 0; c < columns; c++) {
                    String cell = data[c];
                    if (!Numbers.isNumber(cell)) {
                        throw new IllegalArgumentException(Formats.format("%s, line %d, column %d: '%s' is not a "
                                + "number", file, number, c + 1, shorten(cell)));
                    }
                    values[rows * columns + c] = Numbers.parseFloat(cell);
                    integers &= Numbers.isInteger(cell);
                }
            }
            if (rows > 0 && !integers) {
                restIntegers = false;
            }
            rows++;
        }

        private long label(int number, String cell) {
            if (!Numbers.isNumber(cell)) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: '%s' is not an integer class index",
                        file, number, shorten(cell)));
            }
            if (Numbers.isInteger(cell)) {
                try {
                    return Long.parseLong(cell.startsWith("+") ? cell.substring(1) : cell);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(Formats.format("%s, line %d: class index %s is out of range",
                            file, number, shorten(cell)), e);
                }
            }
            double v = Numbers.parseDouble(cell);
            if (!Double.isFinite(v) || v != Math.rint(v)) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: '%s' is not a whole class index",
                        file, number, shorten(cell)));
            }
            if (Math.abs(v) >= 0x1p62) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: class index %s is out of range",
                        file, number, shorten(cell)));
            }
            return (long) v;
        }

        /** Tells whether a first line is exactly the class names, in order. */
        private boolean isClassNames(String[] cells) {
            if (cells.length != classNames.size()) {
                return false;
            }
            for (int c = 0; c < cells.length; c++) {
                String name = classNames.get(c);
                if (name == null || !cells[c].equals(name.strip())) {
                    return false;
                }
            }
            return true;
        }

        Table build() {
            return new Table(file, first, firstLine, rows, Math.max(columns, 0),
                    labels ? null : Arrays.copyOf(values, rows * Math.max(columns, 0)),
                    labels ? Arrays.copyOf(whole, rows) : null, restIntegers, indexColumn);
        }
    }

    /**
     * Decides a file's {@link First#INDEXES} line on its own: a matrix's is a header when the rows after it are
     * not all integers, and ambiguous (refused) when they are; a labels file's lone {@code 0} is data.
     *
     * @param t the file's rows
     * @return whether to drop the first row
     */
    static boolean dropFirstAlone(Table t) {
        if (t.first() != First.INDEXES || t.labels() != null) {
            return false;
        }
        if (!t.restIntegers()) {
            return true;
        }
        throw ambiguous(t, null);
    }

    /**
     * Decides a file's {@link First#INDEXES} line by the row count of the other file: a header exactly when taking
     * it as data would leave one row more than the other file has.
     *
     * @param t the file's rows
     * @param expectedRows the other file's row count
     * @return whether to drop the first row
     */
    static boolean dropFirst(Table t, long expectedRows) {
        if (t.first() != First.INDEXES) {
            return false;
        }
        if (t.rows(true) == expectedRows) {
            return true;
        }
        if (t.rows(false) == expectedRows) {
            return false;
        }
        return t.labels() == null && !t.restIntegers();
    }

    /**
     * Decides both files' {@link First#INDEXES} lines together so that their row counts agree; when both readings
     * agree (both headers or both data), they are headers if the matrix's other rows are not all integers (pandas
     * writes floats with a decimal point), and refused as ambiguous otherwise.
     *
     * @param matrix the predictions' rows
     * @param labels the labels' rows
     * @return whether to drop the matrix's and the labels' first row
     */
    static boolean[] dropFirst(Table matrix, Table labels) {
        boolean cm = matrix.first() == First.INDEXES;
        boolean cl = labels.first() == First.INDEXES;
        List<boolean[]> fits = new ArrayList<>();
        for (boolean dm : cm ? new boolean[] {false, true} : new boolean[] {false}) {
            for (boolean dl : cl ? new boolean[] {false, true} : new boolean[] {false}) {
                if (matrix.rows(dm) == labels.rows(dl)) {
                    fits.add(new boolean[] {dm, dl});
                }
            }
        }
        if (fits.size() == 1) {
            return fits.get(0);
        }
        if (fits.isEmpty()) {
            return new boolean[] {cm && !matrix.restIntegers(), false};
        }
        if (!matrix.restIntegers()) {
            return new boolean[] {true, true};
        }
        throw ambiguous(matrix, labels);
    }

    private static IllegalArgumentException ambiguous(Table matrix, Table labels) {
        return new IllegalArgumentException(Formats.format("%s, line %d: the first line holds the column indexes "
                + "0..%d, which may be pandas' default header or a row of integer scores%s; give the file a header "
                + "of names (or none) so that it cannot be mistaken", matrix.file(), matrix.firstLine(),
                matrix.columns() - 1, labels == null ? ""
                        : Formats.format(", and %s starts with 0, a header or a label", labels.file())));
    }

    /**
     * Gives a matrix file's rows as an N×C float matrix.
     *
     * @param t the rows
     * @param dropFirst whether the first row is a header
     * @return the matrix
     */
    static float[] matrixValues(Table t, boolean dropFirst) {
        requireRows(t, dropFirst);
        int from = dropFirst ? t.columns() : 0;
        return from == 0 ? t.values() : Arrays.copyOfRange(t.values(), from, t.values().length);
    }

    /**
     * Gives a labels file's values.
     *
     * @param t the rows
     * @param dropFirst whether the first row is a header
     * @return the labels, as whole numbers
     */
    static long[] labelValues(Table t, boolean dropFirst) {
        requireRows(t, dropFirst);
        return dropFirst ? Arrays.copyOfRange(t.labels(), 1, t.labels().length) : t.labels();
    }

    /**
     * Narrows labels to class indexes.
     *
     * @param file the file, for messages
     * @param labels the labels
     * @return the labels as ints
     */
    static int[] narrow(Path file, long[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < Integer.MIN_VALUE || labels[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(Formats.format("%s, example %d: class index %d is out of range",
                        file, i, labels[i]));
            }
            out[i] = (int) labels[i];
        }
        return out;
    }

    private static void requireRows(Table t, boolean dropFirst) {
        if (t.rows(dropFirst) <= 0) {
            throw new IllegalArgumentException(t.file() + ": no rows of numbers (the file is empty or holds only a "
                    + "header)");
        }
    }

    private static boolean isIndexes(String[] cells) {
        for (int c = 0; c < cells.length; c++) {
            if (!cells[c].equals(Integer.toString(c))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits a line into trimmed cells, unquoting quoted ones.
     *
     * @param file the file, for messages
     * @param number the line number, for messages
     * @param line the line
     * @return its cells
     */
    static String[] split(Path file, int number, String line) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder cell = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException(Formats.format("%s, line %d: a quoted cell is not closed "
                                + "(a quoted cell cannot span lines)", file, number));
                    }
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(ch);
                    }
                }
                while (i < n && isBlank(line.charAt(i))) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new IllegalArgumentException(Formats.format("%s, line %d, column %d: text after a closing "
                            + "quote", file, number, cells.size() + 1));
                }
                cells.add(cell.toString().strip());
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                cells.add(line.substring(i, end).strip());
                i = end;
            }
            if (i >= n) {
                break;
            }
            i++; // the comma
            if (i >= n) {
                cells.add("");
                break;
            }
        }
        return cells.toArray(String[]::new);
    }

    private static boolean isBlank(char ch) {
        return ch == ' ' || ch == '\t';
    }

    private static String shorten(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 40) + "…";
    }

    /** The number syntax of the CSV files: decimal numbers, {@code nan} and {@code inf}; nothing Java-only. */
    static final class Numbers {

        private Numbers() {
        }

        static boolean isInteger(String s) {
            int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
            if (i >= s.length()) {
                return false;
            }
            for (; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch < '0' || ch > '9') {
                    return false;
                }
            }
            return true;
        }

        static boolean isNumber(String s) {
            int n = s.length();
            int i = n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
            String rest = s.substring(i);
            if (rest.equalsIgnoreCase("nan") || rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
                return true;
            }
            int digits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
            if (i < n && s.charAt(i) == '.') {
                i++;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                    digits++;
                }
            }
            if (digits == 0) {
                return false;
            }
            if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int exp = 0;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                    exp++;
                }
                if (exp == 0) {
                    return false;
                }
            }
            return i == n;
        }

        static double parseDouble(String s) {
            String rest = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
            boolean negative = s.startsWith("-");
            if (rest.equalsIgnoreCase("nan")) {
                return Double.NaN;
            }
            if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return Double.parseDouble(s);
        }

        static float parseFloat(String s) {
            char last = s.charAt(s.length() - 1);
            return last >= '0' && last <= '9' || last == '.' ? Float.parseFloat(s) : (float) parseDouble(s);
        }
    }
}
