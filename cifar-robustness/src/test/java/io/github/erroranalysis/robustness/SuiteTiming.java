package io.github.erroranalysis.robustness;

import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.RobustnessCell;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.corruption.Corruption;
import io.github.erroranalysis.stats.Intervals;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The speed figure of the issue, run by hand, not part of the suite (its name ends in neither Test nor Tests):
 * {@code mvn -pl cifar-robustness test -Dtest=SuiteTiming -Dtiming.images=10000 -Dtiming.out=FILE}. Times
 * {@link RobustnessSuite#run} on the standard validation pile of the training archive followed by further training
 * records up to {@code timing.images}, with the bundled baseline (and, with {@code -Dtiming.augmented=true}, the
 * augmented model too, whose clean inference is timed apart so the baseline-only figure can be told), every
 * corruption that runs at every severity; writes the per-cell times and the figures on the validation pile.
 */
class SuiteTiming {

    /** The training archive the 10,000 images are read from. */
    static final Path TRAIN = Path.of("/work/shared/cifar10/cifar-10-binary-train.tar.gz");

    /** Times the suite once and writes the figures. */
    @Test
    void time() throws Exception {
        Assumptions.assumeTrue(Files.exists(TRAIN), "no training archive at " + TRAIN);
        int images = Integer.getInteger("timing.images", 10_000);
        boolean augmented = Boolean.getBoolean("timing.augmented");
        int[] severities = Arrays.stream(System.getProperty("timing.severities", "1,2,3,4,5").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path out = Path.of(System.getProperty("timing.out", "target-c/suite-timing.txt"));
        StringBuilder log = new StringBuilder();
        Piles.Split split = Piles.standardSplit(TRAIN);
        CifarDataset validation = split.validation();
        int fromValidation = Math.min(images, validation.size());
        CifarDataset data = validation.subset(IntStream.range(0, fromValidation).toArray());
        if (images > fromValidation) {
            CifarDataset rest = split.train();
            data = data.concat(rest.subset(IntStream.range(0, images - fromValidation).toArray()));
        }
        List<Corruption> ready = new ArrayList<>();
        byte[] probe = data.pixels(0);
        for (Corruption c : Corruption.values()) {
            try {
                c.apply(probe, 1, 0L);
                ready.add(c);
            } catch (UnsupportedOperationException e) {
                log.append("not ready: ").append(c).append('\n');
            }
        }
        List<CifarModel> models = new ArrayList<>();
        models.add(BundledModels.baseline());
        if (augmented) {
            models.add(BundledModels.augmented());
        }
        double[] inference = new double[models.size()];
        for (int m = 0; m < models.size(); m++) {
            long t = System.nanoTime();
            models.get(m).predict(data);
            inference[m] = (System.nanoTime() - t) / 1e9;
            log.append(String.format(Locale.ROOT, "clean inference of model %d on %d images: %.1f s%n", m,
                    data.size(), inference[m]));
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long[] last = {System.nanoTime()};
        long start = last[0];
        RobustnessSuite.Settings settings = new RobustnessSuite.Settings(ready,
                Arrays.stream(severities).boxed().toList(), 0L);
        List<Robustness> studies = RobustnessSuite.run(models, data, settings, cell -> {
            long now = System.nanoTime();
            seconds.put(cell, (now - last[0]) / 1e9);
            last[0] = now;
        });
        double total = (System.nanoTime() - start) / 1e9;
        log.append(String.format(Locale.ROOT, "RobustnessSuite.run: %d images, %d models, %d corruptions x %d "
                + "severities: %.1f s (%d available processors)%n", data.size(), models.size(), ready.size(),
                severities.length, total, Runtime.getRuntime().availableProcessors()));
        for (Corruption c : ready) {
            double s = 0;
            for (int sev : severities) {
                s += seconds.getOrDefault(c.id() + " " + sev, 0.0);
            }
            log.append(String.format(Locale.ROOT, "  %-18s %6.1f s for %d severities (corruption + inference)%n",
                    c.id(), s, severities.length));
        }
        for (int m = 0; m < studies.size(); m++) {
            Robustness r = studies.get(m);
            log.append(String.format(Locale.ROOT, "model %d on all %d images: clean %.4f, mean corruption %s, "
                    + "extra %s, relative drop %.4f, worst %s%n", m, r.examples(), r.clean().accuracy(),
                    r.meanCorruptionAccuracy(Intervals.DEFAULT_LEVEL), r.meanExtraAccuracy(Intervals.DEFAULT_LEVEL),
                    r.relativeDrop(), r.worstCorruption()));
            log.append("  on the validation pile (" + fromValidation + " images): clean "
                    + pct(accuracy(r.clean(), fromValidation)));
            double sumStandard = 0;
            int standard = 0;
            for (String c : r.corruptions()) {
                double sum = 0;
                List<RobustnessCell> cells = r.cells(c);
                for (RobustnessCell cell : cells) {
                    sum += accuracy(cell.analysis(), fromValidation);
                }
                double mean = sum / cells.size();
                if (r.standard(c)) {
                    sumStandard += mean;
                    standard++;
                }
                log.append(", ").append(c).append(' ').append(pct(mean));
            }
            log.append(String.format(Locale.ROOT, "; mean over %d standard: %s%n", standard,
                    pct(sumStandard / standard)));
        }
        if (studies.size() == 2) {
            io.github.erroranalysis.RobustnessComparison c = studies.get(0).compareWith(studies.get(1));
            log.append("augmented - baseline on all ").append(data.size()).append(" images: mean corruption ")
                    .append(c.meanCorruptionDifference(Intervals.DEFAULT_LEVEL)).append('\n');
            for (String name : studies.get(0).corruptions()) {
                long significant = c.cells(name).stream().filter(d -> d.test().significant()).count();
                log.append(String.format(Locale.ROOT, "  %-18s %s, %d of %d severities significant (McNemar)%n",
                        name, c.corruptionDifference(name, Intervals.DEFAULT_LEVEL), significant,
                        c.cells(name).size()));
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, log.toString(), StandardCharsets.UTF_8);
        System.out.print(log);
    }

    private static double accuracy(io.github.erroranalysis.ErrorAnalysis a, int first) {
        int right = 0;
        for (int i = 0; i < first; i++) {
            if (a.trueClass(i) == a.predictedClass(i)) {
                right++;
            }
        }
        return (double) right / first;
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}
