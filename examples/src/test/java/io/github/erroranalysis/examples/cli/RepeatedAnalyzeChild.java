package io.github.erroranalysis.examples.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CliKillTest}: runs {@code cifar-errors analyze --out r} on the predictions in a
 * folder over and over, printing {@code wrote N} (or {@code failed CODE}) after each run, until it is killed or has
 * run as often as asked (for {@link CliConcurrencyTest}).
 */
public final class RepeatedAnalyzeChild {

    private RepeatedAnalyzeChild() {
    }

    /**
     * Runs the analysis until killed.
     *
     * @param args the working folder, and optionally how many runs (else until killed)
     */
    public static void main(String[] args) {
        Path work = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (int run = 1; run <= runs; run++) {
            int code = CifarErrors.run(new Console(work, quiet, System.err, false), "analyze", "--predictions",
                    "p.csv", "--labels", "labels.csv", "--classes", "classes.txt", "--out", "r", "--quiet");
            System.out.println(code == 0 ? "wrote " + run : "failed " + code);
            System.out.flush();
        }
    }
}
