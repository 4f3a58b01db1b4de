package com.example.cifarmodel;

import io.github.erroranalysis.ClassProbability;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.CifarWriter;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.data.Piles;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A user's program that depends on cifar-model alone: loads the bundled baseline and predicts top-3. */
public final class Main {

    private Main() {
    }

    /**
     * Predicts the top-3 classes of a few images read from a {@code .tar.gz} it writes, then of a fair pile of the
     * real CIFAR-10 archive when it is present.
     *
     * @param args the real archive's path, and a folder for the written archive
     * @throws IOException if the model or an archive cannot be read
     */
    public static void main(String[] args) throws IOException {
        checkModuleName(CifarModel.class, "io.github.erroranalysis.cifar.model");
        CifarModel model = BundledModels.baseline();
        if (!model.classNames().equals(Cifar10.CLASS_NAMES)) {
            throw new IllegalStateException("unexpected classes of the bundled baseline: " + model.classNames());
        }
        CifarDataset few = Cifar10.open(writeFew(Path.of(args[1]))).train();
        INDArray probabilities = model.predict(few);
        for (int i = 0; i < few.size(); i++) {
            List<ClassProbability> top3 = model.predict(few.image(i));
            check(top3, probabilities.getRow(i).argMax().getInt(0));
            System.out.println("consumer-cifar-model: image " + i + ": " + top3);
        }
        Path real = Path.of(args[0]).toAbsolutePath().normalize();
        if (!Files.isRegularFile(real)) {
            System.out.println("consumer-cifar-model: SKIPPED predicting real images: " + real + " is absent");
            return;
        }
        CifarDataset pile = Piles.sample(Cifar10.open(real).batch("data_batch_1.bin"), 10, 7);
        INDArray predicted = model.predict(pile).argMax(1);
        int right = 0;
        for (int i = 0; i < pile.size(); i++) {
            right += predicted.getInt(i) == pile.label(i) ? 1 : 0;
        }
        // the baseline scores about 0.70 on unseen images; 0.5 on 100 images is more than 4 standard errors below
        if (right < 50) {
            throw new IllegalStateException("the bundled baseline got only " + right + " of 100 real images right");
        }
        System.out.println("consumer-cifar-model: " + right + " of " + pile.size() + " real images of " + real
                + " predicted right");
    }

    /** Writes five plain-coloured images as an official-layout archive and returns its path. */
    private static Path writeFew(Path folder) throws IOException {
        List<byte[]> images = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        int[] labels = new int[5];
        for (int i = 0; i < labels.length; i++) {
            byte[] image = new byte[CifarDataset.IMAGE_BYTES];
            for (int p = 0; p < image.length; p++) {
                image[p] = (byte) ((p / CifarDataset.PLANE_BYTES == i % 3 ? 200 : 40) + (p % 32) * i);
            }
            images.add(image);
            labels[i] = i;
            origins.add(new Origin("data_batch_1.bin", i));
        }
        Path archive = folder.resolve("few.tar.gz");
        CifarDataset few = CifarDataset.of(images, labels, origins, Cifar10.CLASS_NAMES);
        return CifarWriter.writeArchive(CifarWriter.officialBatches(few), archive);
    }

    /** Checks that a top-3 holds three different classes, most probable first, agreeing with the batched output. */
    private static void check(List<ClassProbability> top3, int batchedBest) {
        if (top3.size() != 3 || top3.stream().map(ClassProbability::classIndex).distinct().count() != 3
                || top3.get(0).probability() < top3.get(1).probability()
                || top3.get(1).probability() < top3.get(2).probability()
                || top3.stream().mapToDouble(ClassProbability::probability).sum() > 1 + 1e-6
                || top3.get(0).classIndex() != batchedBest) {
            throw new IllegalStateException("unexpected top-3 " + top3 + " (batched best class " + batchedBest + ")");
        }
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
