package io.github.erroranalysis;

import io.github.erroranalysis.io.Formats;
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
 * {@link PredictionFiles} (a first line of exactly the class names included, when they are given), columns taken by
 * class name from a header that names the classes in any order, pandas' index column kept for
 * {@link #checkIndexes}, one-hot label rows decoded, values read as doubles, and hints for a {@code ;} separator or
 * a decimal comma.
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
     * @param values the rows' values, row-major ({@code rows × columns}), in the file's column order mapped to
     *               class order when a header names the classes; doubles for a matrix, unused for labels
     * @param labels the rows' values as whole numbers for a labels file (one-hot rows decoded), unused for a matrix
     * @param restIntegers whether every row after the first holds only integers (no decimal point or exponent)
     * @param indexColumn whether a leading pandas index column (an empty header cell) was dropped
     * @param index the dropped index column's cells, one per row ({@code null} without an index column)
     * @param lines the 1-based line number of each row, for messages
     */
    record Table(Path file, First first, int firstLine, int rows, int columns, double[] values, long[] labels,
            boolean restIntegers, boolean indexColumn, String[] index, int[] lines) {

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
     * @param classNames the class names, one per column, or an empty list (or null) when they are not known; for
     *                   labels they name the columns of one-hot rows
     * @return its rows
     * @throws IOException if it cannot be read, or is not UTF-8
     */
    static Table read(Path file, boolean labels, List<String> classNames) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Builder b = new Builder(file, labels, classNames);
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
        private String headerFirst;
        private boolean indexColumn;
        private int rows;
        private double[] values = new double[0];
        private long[] whole = new long[0];
        private String[] index = new String[0];
        private int[] lines = new int[0];
        /** For each class, the file column that holds it, when a header names the classes in another order. */
        private int[] order;
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
                    headerFirst = cells[0];
                    header(number, indexColumn ? Arrays.copyOfRange(cells, 1, cells.length) : cells);
                    return;
                }
            } else if (firstLine == 0) {
                firstLine = number;
            }
            String[] data = indexColumn ? Arrays.copyOfRange(cells, 1, cells.length) : cells;
            if (rows == lines.length) {
                int grown = Math.max(16, lines.length + (lines.length >> 1));
                lines = Arrays.copyOf(lines, grown);
                if (indexColumn) {
                    index = Arrays.copyOf(index, grown);
                }
            }
            lines[rows] = number;
            if (indexColumn && cells.length >= 1) {
                index[rows] = cells[0];
            }
            if (indexColumn && cells.length < 2) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: %d value(s), but the header starts "
                        + "with an index column and so needs at least 2", file, number, cells.length));
            }
            if (columns < 0) {
                columns = data.length;
                if (headerCells >= 0 && headerCells != columns) {
                    throw new IllegalArgumentException(Formats.format("%s, line %d: %d values, but the header has "
                            + "%d names%s", file, number, columns, headerCells, headerHint()));
                }
                if (labels && columns > 1 && first == First.INDEXES && rows == 0 && columns > 2) {
                    // one-hot labels under pandas' header 0,1,…,C-1 (C > 2: such a line is not one-hot)
                    first = First.HEADER;
                    firstLine = 0;
                    return;
                }
            } else if (data.length != columns) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: %d values, but line %d has %d",
                        file, number, data.length, firstLine, columns));
            }
            if (order != null) {
                String[] mapped = new String[columns];
                for (int c = 0; c < columns; c++) {
                    mapped[c] = data[order[c]];
                }
                data = mapped;
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
                whole[rows] = columns == 1 ? label(number, data[0]) : oneHotLabel(number, data);
                integers = columns == 1 ? Numbers.isInteger(data[0]) : true;
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
                                + "number%s", file, number, (order == null ? c : order[c]) + 1, shorten(cell),
                                cellHint(cell)));
                    }
                    values[rows * columns + c] = Numbers.parseDouble(cell);
                    integers &= Numbers.isInteger(cell);
                }
            }
            if (rows > 0 && !integers) {
                restIntegers = false;
            }
            rows++;
        }

        private long oneHotLabel(int number, String[] data) {
            int hot = -1;
            for (int c = 0; c < data.length; c++) {
                String cell = data[c];
                double v = Numbers.isNumber(cell) ? Numbers.parseDouble(cell) : Double.NaN;
                if (v == 1 && hot < 0) {
                    hot = c;
                } else if (v != 0) {
                    hot = -2;
                    break;
                }
            }
            if (hot < 0) {
                boolean named = headerFirst != null && !headerFirst.isEmpty() && !Numbers.isNumber(headerFirst);
                throw new IllegalArgumentException(Formats.format("%s, line %d: %d values '%s' are neither one class "
                        + "index nor a one-hot row (exactly one 1, the rest 0)%s", file, number, data.length,
                        shorten(String.join(",", data)), named && data.length == 2 ? Formats.format("; if the first "
                                + "column is pandas' index (the header names it '%s'), write the file with "
                                + "index=False, or with an unnamed index (an empty first header cell)",
                                shorten(headerFirst)) : ""));
            }
            return hot;
        }

        private long label(int number, String cell) {
            if (!Numbers.isNumber(cell)) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: '%s' is not an integer class index%s",
                        file, number, shorten(cell), cellHint(cell)));
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

        /**
         * Reads a header's names: class names in another order are mapped by name; a header that names some classes
         * but not exactly all of them once is refused, naming what is missing, extra or repeated.
         */
        private void header(int number, String[] names) {
            if (classNames.isEmpty() || labels && names.length < 2) {
                namedIndexHint(number, names);
                return;
            }
            List<String> wanted = classNames.stream().map(n -> n == null ? "" : n.strip()).toList();
            long known = Arrays.stream(names).filter(wanted::contains).count();
            if (known == 0) {
                namedIndexHint(number, names);
                return;
            }
            List<String> missing = new ArrayList<>();
            List<String> extra = new ArrayList<>();
            List<String> repeated = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String n : names) {
                if (!wanted.contains(n)) {
                    extra.add(n);
                } else if (!seen.add(n)) {
                    repeated.add(n);
                }
            }
            for (String w : wanted) {
                if (!seen.contains(w)) {
                    missing.add(w);
                }
            }
            if (!missing.isEmpty() || !extra.isEmpty() || !repeated.isEmpty()) {
                boolean index = extra.size() == 1 && missing.isEmpty() && repeated.isEmpty() && names.length > 1
                        && names[0].equals(extra.get(0));
                throw new IllegalArgumentException(Formats.format("%s, line %d: the header names classes, but not "
                        + "each of the %d class names exactly once:%s%s%s%s", file, number, wanted.size(),
                        extra.isEmpty() ? "" : " not a class name: " + quoted(extra) + ";",
                        missing.isEmpty() ? "" : " missing: " + quoted(missing) + ";",
                        repeated.isEmpty() ? "" : " repeated: " + quoted(repeated) + ";",
                        index ? Formats.format(" the first column '%s' looks like a pandas index with a name; write "
                                + "the file with index=False, or with an unnamed index (an empty first header "
                                + "cell)", shorten(extra.get(0))) : " columns are matched to the classes by name"));
            }
            int[] o = new int[names.length];
            boolean identity = true;
            for (int c = 0; c < wanted.size(); c++) {
                o[c] = Arrays.asList(names).indexOf(wanted.get(c));
                identity &= o[c] == c;
            }
            order = identity ? null : o;
        }

        /** Refuses a header {@code NAME,0,1,…}: pandas' default columns under an index that has a name. */
        private void namedIndexHint(int number, String[] names) {
            if (names.length > 1 && !names[0].isEmpty() && !Numbers.isNumber(names[0])
                    && isIndexes(Arrays.copyOfRange(names, 1, names.length))) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: the header '%s' looks like pandas' "
                        + "column indexes after an index column named '%s'; write the file with index=False, or "
                        + "with an unnamed index (an empty first header cell)", file, number,
                        shorten(String.join(",", names)), shorten(names[0])));
            }
        }

        /** A hint for a header whose name count differs from the values: another separator or decimal mark. */
        private String headerHint() {
            return headerCells == 1 && columns > 1 ? "; if the file uses ';' as separator and ',' as decimal mark "
                    + "(pandas' sep=';', decimal=','), write it with ',' between cells and '.' as decimal mark"
                    : "";
        }

        Table build() {
            return new Table(file, first, firstLine, rows, Math.max(columns, 0),
                    labels ? null : Arrays.copyOf(values, rows * Math.max(columns, 0)),
                    labels ? Arrays.copyOf(whole, rows) : null, restIntegers, indexColumn,
                    indexColumn ? Arrays.copyOf(index, rows) : null, Arrays.copyOf(lines, rows));
        }
    }

    private static String quoted(List<String> names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append(b.length() == 0 ? "" : ", ").append('\'').append(shorten(n)).append('\'');
        }
        return b.toString();
    }

    /** A hint for a cell that is not a number: another separator ({@code ;}, tab) or a decimal comma. */
    static String cellHint(String cell) {
        if (cell.indexOf(';') >= 0) {
            return "; the cells seem separated by ';', but the separator must be ','";
        }
        if (cell.matches("[+-]?[0-9]*,[0-9]+([eE][+-]?[0-9]+)?")) {
            return "; the decimal mark seems to be ',', but it must be '.'";
        }
        return "";
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
     * Gives a matrix file's rows as an N×C double matrix.
     *
     * @param t the rows
     * @param dropFirst whether the first row is a header
     * @return the matrix
     */
    static double[] matrixValues(Table t, boolean dropFirst) {
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

    /**
     * Checks the pandas index columns of a file or two: when both files have one, they must be the same sequence;
     * when one file has one, it must be {@code 0..N-1} in order (anything else means the rows were shuffled or
     * filtered, and the files cannot be paired row by row).
     *
     * @param a one file's rows
     * @param dropA whether its first row is a header
     * @param b the other file's rows, or null when it is not a CSV file
     * @param dropB whether its first row is a header
     */
    static void checkIndexes(Table a, boolean dropA, Table b, boolean dropB) {
        String[] ia = a.index() == null ? null : a.index();
        String[] ib = b == null || b.index() == null ? null : b.index();
        int offA = dropA ? 1 : 0;
        int offB = dropB ? 1 : 0;
        if (ia != null && ib != null) {
            int n = Math.min(ia.length - offA, ib.length - offB);
            for (int r = 0; r < n; r++) {
                if (!ia[r + offA].equals(ib[r + offB])) {
                    throw new IllegalArgumentException(Formats.format("%s, line %d has index %s but %s, line %d has "
                            + "index %s: the files' index columns differ (row %d), so their rows do not pair up",
                            a.file(), a.lines()[r + offA], shorten(ia[r + offA]), b.file(), b.lines()[r + offB],
                            shorten(ib[r + offB]), r));
                }
            }
            return;
        }
        if (ia != null) {
            inOrder(a, ia, offA);
        } else if (ib != null) {
            inOrder(b, ib, offB);
        }
    }

    private static void inOrder(Table t, String[] index, int off) {
        for (int r = 0; r + off < index.length; r++) {
            if (!index[r + off].equals(Integer.toString(r))) {
                throw new IllegalArgumentException(Formats.format("%s, line %d: the index column is not 0..%d in "
                        + "order (row %d has index %s); the rows may have been shuffled or filtered: write the "
                        + "file in the labels' order, or give the labels the same index", t.file(),
                        t.lines()[r + off], index.length - off - 1, r, shorten(index[r + off])));
            }
        }
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
    }
}
