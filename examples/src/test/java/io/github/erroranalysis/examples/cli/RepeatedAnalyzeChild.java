package io.github.erroranalysis.examples.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CliKillTest}: runs {@code cifar-errors analyze --out r} on the predictions in a
 * folder over and over, printing {@code wrote N} after each run, until it is killed.
 */
public final class RepeatedAnalyzeChild {

    private RepeatedAnalyzeChild() {
    }

    /**
     * Runs the analysis until killed.
     *
     * @param args the working folder
     */
    public static void main(String[] args) {
        Path work = Path.of(args[0]);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        for (int run = 1; ; run++) {
            int code = CifarErrors.run(new Console(work, quiet, System.err, false), "analyze", "--predictions",
                    "p.csv", "--labels", "labels.csv", "--classes", "classes.txt", "--out", "r", "--quiet");
            System.out.println(code == 0 ? "wrote " + run : "failed " + code);
            System.out.flush();
        }
    }
}
