package io.github.erroranalysis;

import io.github.erroranalysis.internal.Formats;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads predictions made elsewhere (PyTorch, Keras, NumPy): {@code .npy} arrays and CSV files.
 */
public final class PredictionFiles {

    private PredictionFiles() {
    }

    /**
     * Reads a NumPy {@code .npy} file.
     *
     * @param file the file
     * @return its array
     * @throws IOException if the file does not exist or is not a valid {@code .npy} file
     */
    public static INDArray readNpy(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            return Nd4j.createFromNpyFile(file.toFile());
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a readable .npy file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a CSV file of numbers, one row per example (an optional header line), into an N×C float matrix.
     *
     * @param file the file
     * @return an N×C matrix
     * @throws IOException if the file cannot be read
     */
    public static INDArray readCsvMatrix(Path file) throws IOException {
        return Nd4j.createFromArray(readCsvRows(file));
    }

    /**
     * Reads a CSV file of integer class indices, one per line (a single column, an optional header line).
     *
     * @param file the file
     * @return the class indices
     * @throws IOException if the file cannot be read
     */
    public static int[] readCsvLabels(Path file) throws IOException {
        List<String[]> lines = lines(file);
        int[] out = new int[lines.size()];
        for (int i = 0; i < out.length; i++) {
            String[] cells = lines.get(i);
            if (cells.length != 1) {
                throw new IllegalArgumentException(Formats.format("%s, label %d: expected one class index per line but found %d values",
                        file, i, cells.length));
            }
            try {
                out[i] = Integer.parseInt(cells[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(Formats.format("%s, label %d: '%s' is not an integer class index",
                        file, i, cells[0]), e);
            }
        }
        return out;
    }

    static float[][] readCsvRows(Path file) throws IOException {
        List<String[]> lines = lines(file);
        float[][] rows = new float[lines.size()][];
        for (int r = 0; r < rows.length; r++) {
            String[] cells = lines.get(r);
            if (r > 0 && cells.length != rows[0].length) {
                throw new IllegalArgumentException(Formats.format("%s, example %d: %d values, but example 0 has %d",
                        file, r, cells.length, rows[0].length));
            }
            rows[r] = new float[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    rows[r][c] = Float.parseFloat(cells[c]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(Formats.format("%s, example %d, column %d: '%s' is not a number",
                            file, r, c, cells[c]), e);
                }
            }
        }
        return rows;
    }

    /** The data lines split into trimmed cells; blank lines and a non-numeric first line (a header) are skipped. */
    private static List<String[]> lines(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = cells[c].trim();
                }
                if (first && !isNumber(cells[0])) {
                    first = false;
                    continue;
                }
                first = false;
                out.add(cells);
            }
        }
        return out;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
