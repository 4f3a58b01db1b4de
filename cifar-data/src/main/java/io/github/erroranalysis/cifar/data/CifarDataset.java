package io.github.erroranalysis.cifar.data;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An immutable set of labelled 32×32 RGB images kept compactly as bytes, each with its {@link Origin}.
 *
 * <p>Pixels are stored in the CIFAR-10 binary layout: per image 1,024 red, then 1,024 green, then 1,024 blue bytes,
 * each plane row-major. That is 3,072 bytes an image (the 50,000 training images take about 150 MB, a quarter of
 * what they would take as floats). Subsets ({@link #subset(int[])}) share the image bytes with their parent, which is
 * safe because nothing ever writes to them.
 */
public final class CifarDataset {

    /** Image height and width in pixels. */
    public static final int SIDE = 32;
    /** Number of colour channels (red, green, blue). */
    public static final int CHANNELS = 3;
    /** Bytes of one image plane (one channel). */
    public static final int PLANE_BYTES = SIDE * SIDE;
    /** Bytes of one image: three planes. */
    public static final int IMAGE_BYTES = CHANNELS * PLANE_BYTES;
    /** The most classes a data set can have: a label is stored as one unsigned byte. */
    public static final int MAX_CLASSES = 256;

    private final byte[][] images;
    private final byte[] labels;
    private final Origin[] origins;
    private final List<String> classNames;
    private volatile String fingerprint;

    private CifarDataset(byte[][] images, byte[] labels, Origin[] origins, List<String> classNames) {
        this.images = images;
        this.labels = labels;
        this.origins = origins;
        this.classNames = classNames;
    }

    /**
     * Creates a data set from per-image pixel arrays in the CIFAR binary layout (copied), labels and origins.
     *
     * @param images     one array of {@value #IMAGE_BYTES} bytes per image (planar R, G, B, each row-major)
     * @param labels     the label of each image, an index into {@code classNames}
     * @param origins    where each image came from
     * @param classNames the class names in label order
     * @return the data set
     * @throws IllegalArgumentException if the lengths differ, an image has the wrong size or a label is out of range
     */
    public static CifarDataset of(List<byte[]> images, int[] labels, List<Origin> origins, List<String> classNames) {
        int n = images.size();
        for (int c = 0; c < classNames.size(); c++) {
            if (classNames.get(c) == null) {
                throw new IllegalArgumentException("class name " + c + " of " + classNames.size() + " is null");
            }
        }
        if (classNames.isEmpty() || classNames.size() > MAX_CLASSES) {
            throw new IllegalArgumentException(classNames.size() + " class names, expected 1.." + MAX_CLASSES
                    + " (a label is one byte)");
        }
        if (labels.length != n || origins.size() != n) {
            throw new IllegalArgumentException("images.size()=" + n + ", labels.length=" + labels.length
                    + ", origins.size()=" + origins.size() + " must be equal");
        }
        byte[][] copies = new byte[n][];
        byte[] labelBytes = new byte[n];
        for (int i = 0; i < n; i++) {
            byte[] image = images.get(i);
            if (image == null || origins.get(i) == null) {
                throw new IllegalArgumentException("example " + i + " has a null "
                        + (image == null ? "image" : "origin"));
            }
            if (image.length != IMAGE_BYTES) {
                throw new IllegalArgumentException("image " + i + " (" + origins.get(i) + ") has " + image.length
                        + " bytes, expected " + IMAGE_BYTES);
            }
            copies[i] = image.clone();
            labelBytes[i] = checkedLabel(labels[i], classNames.size(), origins.get(i));
        }
        return new CifarDataset(copies, labelBytes, origins.toArray(new Origin[0]), List.copyOf(classNames));
    }

    /** Creates a data set from arrays this package built itself and will not touch again (no copies). */
    static CifarDataset wrap(byte[][] images, byte[] labels, Origin[] origins, List<String> classNames) {
        return new CifarDataset(images, labels, origins, List.copyOf(classNames));
    }

    private static byte checkedLabel(int label, int classCount, Origin origin) {
        if (label < 0 || label >= classCount) {
            throw new IllegalArgumentException("label " + label + " of " + origin + " is outside 0.."
                    + (classCount - 1));
        }
        return (byte) label;
    }

    /**
     * Returns the number of examples.
     *
     * @return the number of images
     */
    public int size() {
        return labels.length;
    }

    /**
     * Returns the class names in label order.
     *
     * @return an unmodifiable list of class names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the number of classes.
     *
     * @return the number of class names
     */
    public int classCount() {
        return classNames.size();
    }

    /**
     * Returns the label (class index) of example {@code i}.
     *
     * @param i the example index
     * @return the class index, in {@code 0..classCount()-1}
     */
    public int label(int i) {
        return labels[Objects.checkIndex(i, labels.length)] & 0xFF;
    }

    /**
     * Returns the class name of example {@code i}.
     *
     * @param i the example index
     * @return the name of its class
     */
    public String className(int i) {
        return classNames.get(label(i));
    }

    /**
     * Returns where example {@code i} came from.
     *
     * @param i the example index
     * @return its batch file (or image file) and record number
     */
    public Origin origin(int i) {
        return origins[Objects.checkIndex(i, origins.length)];
    }

    /**
     * Returns all origins in example order.
     *
     * @return an unmodifiable list of origins
     */
    public List<Origin> origins() {
        return List.of(origins);
    }

    /**
     * Returns a copy of all labels in example order.
     *
     * @return a new array of class indexes
     */
    public int[] labels() {
        int[] copy = new int[labels.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = labels[i] & 0xFF;
        }
        return copy;
    }

    /**
     * Returns a copy of the {@value #IMAGE_BYTES} pixel bytes of example {@code i} in the CIFAR binary layout.
     *
     * @param i the example index
     * @return planar R, G, B bytes, each plane row-major
     */
    public byte[] pixels(int i) {
        return images[Objects.checkIndex(i, images.length)].clone();
    }

    /** Returns the internal pixel array of example {@code i}; callers in this package must not modify it. */
    byte[] pixelsUnsafe(int i) {
        return images[i];
    }

    /**
     * Returns example {@code i} as a 32×32 RGB image for display.
     *
     * @param i the example index
     * @return a new {@link BufferedImage} of type {@code TYPE_INT_RGB}
     */
    public BufferedImage image(int i) {
        return CifarImages.toImage(images[Objects.checkIndex(i, images.length)]);
    }

    /**
     * Returns the number of examples of each class.
     *
     * @return an array indexed by class, of length {@link #classCount()}
     */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (byte label : labels) {
            counts[label & 0xFF]++;
        }
        return counts;
    }

    /**
     * Returns the examples at the given indexes, in that order, sharing their pixel bytes with this data set.
     *
     * @param indexes example indexes into this data set (repeats allowed)
     * @return a new data set of {@code indexes.length} examples
     */
    public CifarDataset subset(int[] indexes) {
        byte[][] subImages = new byte[indexes.length][];
        byte[] subLabels = new byte[indexes.length];
        Origin[] subOrigins = new Origin[indexes.length];
        for (int k = 0; k < indexes.length; k++) {
            int i = Objects.checkIndex(indexes[k], labels.length);
            subImages[k] = images[i];
            subLabels[k] = labels[i];
            subOrigins[k] = origins[i];
        }
        return new CifarDataset(subImages, subLabels, subOrigins, classNames);
    }

    /**
     * Returns this data set followed by {@code other}, which must have the same class names.
     *
     * @param other the examples to append
     * @return a new data set of {@code size() + other.size()} examples
     */
    public CifarDataset concat(CifarDataset other) {
        if (!classNames.equals(other.classNames)) {
            throw new IllegalArgumentException("cannot concatenate data sets with different classes: " + classNames
                    + " and " + other.classNames);
        }
        int n = size();
        byte[][] allImages = Arrays.copyOf(images, n + other.size());
        System.arraycopy(other.images, 0, allImages, n, other.size());
        byte[] allLabels = Arrays.copyOf(labels, n + other.size());
        System.arraycopy(other.labels, 0, allLabels, n, other.size());
        Origin[] allOrigins = Arrays.copyOf(origins, n + other.size());
        System.arraycopy(other.origins, 0, allOrigins, n, other.size());
        return new CifarDataset(allImages, allLabels, allOrigins, classNames);
    }

    /**
     * Returns a SHA-256 fingerprint of the class names, labels and pixels, in example order.
     *
     * <p>Two data sets with the same fingerprint hold the same images with the same labels in the same order;
     * saved models record the fingerprint of the pile they were trained on.
     *
     * @return 64 lowercase hexadecimal digits
     */
    public String fingerprint() {
        String result = fingerprint;
        if (result == null) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(String.join("\n", classNames).getBytes(StandardCharsets.UTF_8));
                sha.update(labels);
                for (byte[] image : images) {
                    sha.update(image);
                }
                result = HexFormat.of().formatHex(sha.digest());
                fingerprint = result;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
        }
        return result;
    }

    /**
     * Returns the indexes of the examples of each class, in example order.
     *
     * @return one list of indexes per class
     */
    List<int[]> indexesByClass() {
        int[] counts = classCounts();
        List<int[]> byClass = new ArrayList<>(counts.length);
        for (int count : counts) {
            byClass.add(new int[count]);
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            byClass.get(label)[filled[label]++] = i;
        }
        return byClass;
    }

    /**
     * Describes the data set: size, classes and per-class counts.
     *
     * @return a short summary
     */
    @Override
    public String toString() {
        return "CifarDataset[" + size() + " images, classes=" + classNames + ", counts="
                + Arrays.toString(classCounts()) + "]";
    }
}
