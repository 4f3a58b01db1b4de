package io.github.erroranalysis.modelimport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Keras fixtures of make_keras_fixtures.py and what the tests do with them. */
final class KerasFixtures {

    private KerasFixtures() {
    }

    /** The fixtures' folder. */
    static Path folder() {
        URL url = KerasFixtures.class.getResource("fixtures/keras/sequential.h5");
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One fixture file. */
    static Path file(String name) {
        return folder().resolve(name);
    }

    /**
     * A small .npy array: its shape and its values as floats (uint8 or float32, C order).
     *
     * @param shape the dimensions
     * @param values the values
     */
    record Npy(int[] shape, float[] values) {
    }

    /** Reads a .npy file of uint8 or little-endian float32. */
    static Npy npy(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLength = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(bytes, start, headerLength, java.nio.charset.StandardCharsets.US_ASCII);
        Matcher descr = Pattern.compile("'descr': '([^']+)'").matcher(header);
        Matcher shape = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
        if (!descr.find() || !shape.find() || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": unexpected header " + header);
        }
        String[] parts = shape.group(1).split(",");
        int n = 0;
        int[] dims = new int[parts.length];
        long count = 1;
        for (String p : parts) {
            if (!p.isBlank()) {
                dims[n] = Integer.parseInt(p.strip());
                count *= dims[n++];
            }
        }
        int[] shapeOut = java.util.Arrays.copyOf(dims, n);
        float[] values = new float[(int) count];
        int data = start + headerLength;
        switch (descr.group(1)) {
            case "|u1" -> {
                for (int i = 0; i < count; i++) {
                    values[i] = bytes[data + i] & 0xff;
                }
            }
            case "<f4" -> {
                for (int i = 0; i < count; i++) {
                    values[i] = b.getFloat(data + 4 * i);
                }
            }
            default -> throw new IOException(file + ": dtype " + descr.group(1));
        }
        return new Npy(shapeOut, values);
    }

    /** NHWC uint8 images (as values 0..255) to the library's planar CIFAR bytes, one array per image. */
    static byte[][] planar(Npy nhwc) {
        int n = nhwc.shape()[0];
        int h = nhwc.shape()[1];
        int w = nhwc.shape()[2];
        byte[][] out = new byte[n][3 * h * w];
        for (int i = 0; i < n; i++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        out[i][(c * h + y) * w + x] = (byte) nhwc.values()[((i * h + y) * w + x) * 3 + c];
                    }
                }
            }
        }
        return out;
    }

    /** The network's input for planar images: the preprocessing's normalization, [n, 3, 32, 32]. */
    static INDArray input(byte[][] images, Preprocessing preprocessing) {
        int size = images[0].length;
        float[] values = new float[images.length * size];
        for (int i = 0; i < images.length; i++) {
            preprocessing.normalization().apply(images[i], values, i * size);
        }
        int side = (int) Math.round(Math.sqrt(size / 3.0));
        return Nd4j.create(values, new long[] {images.length, 3, side, side}, 'c');
    }

    /** The images of a CIFAR binary file (1 label byte + 3,072 pixel bytes each), in file order. */
    static byte[][] cifarImages(byte[] records) {
        int n = records.length / 3073;
        byte[][] out = new byte[n][3072];
        for (int i = 0; i < n; i++) {
            System.arraycopy(records, i * 3073 + 1, out[i], 0, 3072);
        }
        return out;
    }
}
