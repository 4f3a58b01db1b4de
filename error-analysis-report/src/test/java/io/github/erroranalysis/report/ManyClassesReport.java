package io.github.erroranalysis.report;

import io.github.erroranalysis.ErrorAnalysis;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Writes the report of a seeded synthetic analysis with many classes, with a model comparison: the program that
 * {@link ReportScaleTest} runs in a JVM of its own under a small heap.
 */
final class ManyClassesReport {

    private ManyClassesReport() {
    }

    /**
     * Gives class names {@code class-000}, {@code class-001}, ….
     *
     * @param classes the number of classes
     * @return the names
     */
    static List<String> names(int classes) {
        return IntStream.range(0, classes).mapToObj(c -> String.format(Locale.ROOT, "class-%03d", c)).toList();
    }

    /**
     * Builds the report of {@code examples} examples of {@code classes} classes (seeded random probabilities, a
     * second seeded model as the comparison) and writes it.
     *
     * @param examples the number of examples
     * @param classes the number of classes
     * @return the report
     */
    static ErrorReport report(int examples, int classes) {
        List<String> names = names(classes);
        ErrorAnalysis analysis = ReportFixtures.analysis(examples, names, 1000);
        return ErrorReport.builder(analysis).images(ReportFixtures.images(0))
                .comparison("baseline", ReportFixtures.analysis(examples, names, 1001), "candidate").build();
    }

    /**
     * Writes the report: {@code ManyClassesReport <folder> <examples> <classes>}.
     *
     * @param args the folder, the number of examples and the number of classes
     * @throws Exception if the report cannot be written
     */
    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        ErrorReport report = report(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        report.writeTo(Path.of(args[0]));
        System.out.printf(Locale.ROOT, "wrote the report of %s examples of %s classes in %d ms%n", args[1], args[2],
                (System.nanoTime() - start) / 1_000_000);
    }
}
