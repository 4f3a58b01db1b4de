package com.example.cifardata;

import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarArchive;
import io.github.erroranalysis.cifar.data.CifarDataSetIterator;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.cifar.data.Normalization;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.data.Piles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.nd4j.linalg.dataset.DataSet;

/** A user's program that depends on cifar-data alone: writes and reads a {@code .tar.gz}, then reads the real one. */
public final class Main {

    private Main() {
    }

    /**
     * Writes a small release as a {@code .tar.gz} and reads it back, then reads a batch and a fair pile of the real
     * CIFAR-10 archive when it is present.
     *
     * @param args the real archive's path, and a folder for the written archive
     * @throws IOException if an archive cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        roundTrip(Path.of(args[1]));
        checkModuleName(CifarDataset.class, "io.github.erroranalysis.cifar.data");
        Path real = Path.of(args[0]).toAbsolutePath().normalize();
        if (!Files.isRegularFile(real)) {
            System.out.println("consumer-cifar-data: SKIPPED reading the real archive: " + real + " is absent");
            return;
        }
        readReal(real);
    }

    /** Writes 20 examples, two per class, as an official-layout archive, and reads them back from it. */
    private static void roundTrip(Path folder) throws IOException {
        List<byte[]> images = new ArrayList<>();
        int[] labels = new int[20];
        List<Origin> origins = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            byte[] image = new byte[CifarDataset.IMAGE_BYTES];
            Arrays.fill(image, (byte) (i * 11));
            images.add(image);
            labels[i] = i % 10;
            origins.add(new Origin("data_batch_1.bin", i));
        }
        CifarDataset written = CifarDataset.of(images, labels, origins, Cifar10.CLASS_NAMES);
        Path archive = folder.resolve("written.tar.gz");
        CifarWriter.writeArchive(CifarWriter.officialBatches(written), archive);
        CifarDataset read = Cifar10.open(archive).train();
        if (!read.fingerprint().equals(written.fingerprint()) || !read.classNames().equals(Cifar10.CLASS_NAMES)) {
            throw new IllegalStateException("written and read archive differ: " + written + " vs " + read);
        }
        System.out.println("consumer-cifar-data: wrote and read back " + read.size() + " images in " + archive);
    }

    /** Reads data_batch_1.bin of the real archive, a fair pile of it, and one ND4J batch of the pile. */
    private static void readReal(Path real) throws IOException {
        CifarArchive archive = Cifar10.open(real);
        CifarDataset batch = archive.batch("data_batch_1.bin");
        if (batch.size() != 10_000 || !archive.classNames().equals(Cifar10.CLASS_NAMES)) {
            throw new IllegalStateException("unexpected data_batch_1.bin in " + real + ": " + batch);
        }
        CifarDataset pile = Piles.sample(batch, 5, 42);
        if (pile.size() != 50 || Arrays.stream(pile.classCounts()).anyMatch(c -> c != 5)) {
            throw new IllegalStateException("unexpected pile: " + Arrays.toString(pile.classCounts()));
        }
        DataSet first = new CifarDataSetIterator(pile, 16, Normalization.SCALE_ONLY).next();
        long[] shape = first.getFeatures().shape();
        if (!Arrays.equals(shape, new long[] {16, 3, 32, 32}) || first.getFeatures().maxNumber().doubleValue() > 1) {
            throw new IllegalStateException("unexpected features " + Arrays.toString(shape));
        }
        System.out.println("consumer-cifar-data: read " + batch.size() + " images of " + real + ", a pile of "
                + pile.size() + " and a batch of " + shape[0]);
    }

    /** Fails unless the jar a class was loaded from names the module in its manifest's Automatic-Module-Name. */
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
