package io.github.erroranalysis.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code cifar-errors} in-process in a folder and keeps what it printed. */
final class Cli {

    /** What one run returned and printed. */
    record Result(int exitCode, String out, String err) {

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private Cli() {
    }

    static Result run(Path folder, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = CifarErrors.run(new Console(folder, o, e, false), args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Writes precomputed predictions of 20 examples of 3 classes (cat, dog, frog) as CSV: 15 right with confidence
     * 0.6, 5 wrong with confidence 0.9 (examples 1 and 2: cat as dog; 3: frog as cat; 4 and 5: dog as frog). So
     * accuracy 0.75 (15/20), cat 0.5 (2/4), dog 7/9, frog 6/7, ECE (|15 - 9| + |0 - 4.5|) / 20 = 0.525.
     */
    static void writePredictions(Path folder, String predictions, String labels, String classes) throws IOException {
        StringBuilder p = new StringBuilder();
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            int truth = i % 3 == 0 ? 2 : i < 10 ? 0 : 1;
            if (i >= 1 && i <= 5 && i != 3) {
                truth = i <= 2 ? 0 : 1;
            }
            int predicted = i >= 1 && i <= 5 ? (truth + 1) % 3 : truth;
            double[] row = new double[3];
            double confidence = predicted == truth ? 0.6 : 0.9;
            for (int c = 0; c < 3; c++) {
                row[c] = c == predicted ? confidence : (1 - confidence) / 2;
            }
            p.append(row[0]).append(',').append(row[1]).append(',').append(row[2]).append('\n');
            l.append(truth).append('\n');
        }
        Files.writeString(folder.resolve(predictions), p);
        Files.writeString(folder.resolve(labels), l);
        Files.writeString(folder.resolve(classes), "cat\ndog\nfrog\n");
    }
}
