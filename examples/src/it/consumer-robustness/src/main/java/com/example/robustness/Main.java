package com.example.robustness;

import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.corruption.CorruptedData;
import io.github.erroranalysis.corruption.Corruption;
import io.github.erroranalysis.robustness.RobustnessSuite;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;

/** A user's program that depends on cifar-robustness alone: corrupts an image and runs a tiny suite. */
public final class Main {

    private Main() {
    }

    /**
     * Corrupts an image under every corruption (the same bytes for the same seed), then measures the bundled
     * baseline under two corruptions at two severities on twenty images.
     *
     * @param args unused
     * @throws IOException if the bundled model cannot be read
     */
    public static void main(String[] args) throws IOException {
        checkModuleName(Corruption.class, "io.github.erroranalysis.robustness");
        CifarDataset few = few(20);
        byte[] image = few.pixels(3);
        for (Corruption c : Corruption.values()) {
            byte[] once = c.apply(image, 3, 11);
            byte[] again = c.apply(image, 3, 11);
            if (once.length != image.length || !Arrays.equals(once, again)) {
                throw new IllegalStateException(c.id() + " is not a deterministic function of (image, severity, seed)");
            }
        }
        if (!Arrays.equals(CorruptedData.corruptOne(few, 3, Corruption.FOG, 2, 5),
                CorruptedData.corrupt(few, Corruption.FOG, 2, 5).pixels(3))) {
            throw new IllegalStateException("corruptOne differs from corrupt");
        }
        System.out.println("consumer-robustness: " + Corruption.values().length + " corruptions, "
                + Corruption.standardCorruptions().size() + " standard, deterministic for a seed");
        RobustnessSuite.Settings settings = new RobustnessSuite.Settings(List.of(Corruption.GAUSSIAN_NOISE,
                Corruption.SATURATE), List.of(1, 5), 7);
        List<Robustness> studies = RobustnessSuite.run(List.of(BundledModels.baseline()), few, settings, cell -> { });
        Robustness study = studies.get(0);
        if (studies.size() != 1 || study.cells().size() != 4 || study.examples() != few.size()
                || !study.standardCorruptions().equals(List.of("gaussian_noise"))
                || !study.extraCorruptions().equals(List.of("saturate"))) {
            throw new IllegalStateException("unexpected study " + study);
        }
        double mean = study.meanCorruptionAccuracy(0.95).estimate();
        if (!(mean >= 0 && mean <= 1)) {
            throw new IllegalStateException("mean corruption accuracy " + mean + " is not a fraction");
        }
        System.out.println("consumer-robustness: baseline on " + few.size() + " images: clean "
                + study.clean().accuracy() + ", mean corruption accuracy " + mean + ", worst "
                + study.worstCorruption());
    }

    /** Images of smooth colour ramps, one class each in turn. */
    private static CifarDataset few(int n) {
        List<byte[]> images = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] image = new byte[CifarDataset.IMAGE_BYTES];
            for (int p = 0; p < image.length; p++) {
                int plane = p / CifarDataset.PLANE_BYTES;
                int x = p % 32;
                int y = (p / 32) % 32;
                image[p] = (byte) ((plane == i % 3 ? 150 : 50) + 2 * x + y * (i % 4));
            }
            images.add(image);
            labels[i] = i % 10;
            origins.add(new Origin("data_batch_1.bin", i));
        }
        return CifarDataset.of(images, labels, origins, Cifar10.CLASS_NAMES);
    }

    /** Checks that the jar a class was loaded from names its module as documented. */
    private static void checkModuleName(Class<?> type, String expected) throws IOException {
        Path file;
        try {
            file = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + type.getName() + ": " + e.getMessage(), e);
        }
        try (JarFile jar = new JarFile(file.toFile())) {
            String name = jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
            if (!expected.equals(name)) {
                throw new IllegalStateException("expected Automatic-Module-Name " + expected + " in " + file
                        + ", but got " + name);
            }
        }
    }
}
