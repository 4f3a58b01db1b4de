package io.github.erroranalysis.modelimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.erroranalysis.cifar.data.Normalization;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The ONNX fixtures made by {@code make_onnx_fixtures.py}, and small readers for their {@code .npy} files. */
final class OnnxFixtures {

    /** The fixtures' folder. */
    static final Path FOLDER = Path.of("src/test/resources/io/github/erroranalysis/modelimport/fixtures/onnx");

    /** The bundled 1,000-image sample of the examples module. */
    static final Path BUNDLED_SAMPLE = Path.of("../examples/src/main/resources/io/github/erroranalysis/examples/"
            + "cifar10-validation-sample.tar.gz");

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");

    private OnnxFixtures() {
    }

    /**
     * One fixture as fixtures.json lists it.
     *
     * @param model the ONNX file's name
     * @param layout its input layout
     * @param opset its op set
     * @param inputs the reference inputs' file name
     * @param outputs the reference outputs' file name
     * @param preprocessing the preprocessing it was trained with
     */
    record Fixture(String model, InputLayout layout, int opset, String inputs, String outputs,
                   Preprocessing preprocessing) {
        @Override
        public String toString() {
            return model;
        }
    }

    /** The fixtures listed in fixtures.json. */
    static List<Fixture> all() throws IOException {
        JsonNode root = new ObjectMapper().readTree(FOLDER.resolve("fixtures.json").toFile());
        List<Fixture> list = new ArrayList<>();
        for (JsonNode f : root.get("fixtures")) {
            InputLayout layout = InputLayout.parse(f.get("inputLayout").asText());
            list.add(new Fixture(f.get("model").asText(), layout, f.get("opset").asInt(),
                    f.get("referenceInputs").asText(), f.get("referenceOutputs").asText(),
                    preprocessing(f.has("inputMean") ? f : root.get("preprocessing"), layout)));
        }
        return list;
    }

    /** The preprocessing the fixtures were trained with, in the given layout. */
    static Preprocessing preprocessing(InputLayout layout) throws IOException {
        return preprocessing(new ObjectMapper().readTree(FOLDER.resolve("fixtures.json").toFile())
                .get("preprocessing"), layout);
    }

    private static Preprocessing preprocessing(JsonNode p, InputLayout layout) {
        double[] mean = new double[3];
        double[] std = new double[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = p.get("inputMean").get(c).asDouble();
            std[c] = p.get("inputStd").get(c).asDouble();
        }
        return new Preprocessing(layout, p.path("inputScale").asDouble(255), mean, std, p.path("bgr").asBoolean());
    }

    /**
     * A parsed .npy file.
     *
     * @param descr its dtype
     * @param shape its shape
     * @param data its data bytes
     */
    record Npy(String descr, int[] shape, byte[] data) {
    }

    /** Reads a small C-order .npy file. */
    static Npy npy(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int major = all[6];
        int headerLength = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(all, start, headerLength, StandardCharsets.ISO_8859_1);
        Matcher s = SHAPE.matcher(header);
        Matcher d = DESCR.matcher(header);
        if (!s.find() || !d.find() || header.contains("'fortran_order': True")) {
            throw new IOException(file + ": unexpected header " + header);
        }
        String[] parts = s.group(1).split(",");
        List<Integer> shape = new ArrayList<>();
        for (String part : parts) {
            if (!part.isBlank()) {
                shape.add(Integer.parseInt(part.strip()));
            }
        }
        byte[] data = new byte[all.length - start - headerLength];
        System.arraycopy(all, start + headerLength, data, 0, data.length);
        return new Npy(d.group(1), shape.stream().mapToInt(Integer::intValue).toArray(), data);
    }

    /** Reads an N x C float32 .npy as rows. */
    static float[][] probabilities(Path file) throws IOException {
        Npy npy = npy(file);
        if (!npy.descr().equals("<f4") || npy.shape().length != 2) {
            throw new IOException(file + ": not a float32 matrix");
        }
        ByteBuffer b = ByteBuffer.wrap(npy.data()).order(ByteOrder.LITTLE_ENDIAN);
        float[][] rows = new float[npy.shape()[0]][npy.shape()[1]];
        for (float[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                row[c] = b.getFloat();
            }
        }
        return rows;
    }

    /** Reads uint8 images (N x 3 x 32 x 32 or N x 32 x 32 x 3) as CIFAR planar pixels, one array per image. */
    static List<byte[]> images(Path file) throws IOException {
        Npy npy = npy(file);
        int[] s = npy.shape();
        if (!npy.descr().equals("|u1") || s.length != 4) {
            throw new IOException(file + ": not uint8 images");
        }
        boolean nhwc = s[3] == 3;
        int side = s[2];
        int plane = side * side;
        List<byte[]> images = new ArrayList<>();
        for (int n = 0; n < s[0]; n++) {
            byte[] px = new byte[3 * plane];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    px[c * plane + p] = nhwc ? npy.data()[n * 3 * plane + p * 3 + c]
                            : npy.data()[n * 3 * plane + c * plane + p];
                }
            }
            images.add(px);
        }
        return images;
    }

    /** The network input for images: normalised as the library does, NCHW. */
    static INDArray input(List<byte[]> images, Normalization normalization) {
        int size = images.get(0).length;
        float[] values = new float[images.size() * size];
        for (int n = 0; n < images.size(); n++) {
            normalization.apply(images.get(n), values, n * size);
        }
        int side = (int) Math.round(Math.sqrt(size / 3.0));
        return Nd4j.create(values, new long[] {images.size(), 3, side, side}, 'c');
    }

    /** The images of the bundled sample's validation_sample.bin, in file order. */
    static List<byte[]> bundledSample() throws IOException {
        byte[] data = null;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(BUNDLED_SAMPLE))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII)
                        .replace("\0", "").strip(), 8);
                byte[] body = in.readNBytes((int) size);
                in.readNBytes((int) ((512 - size % 512) % 512));
                if (name.endsWith("validation_sample.bin")) {
                    data = body;
                    break;
                }
            }
        }
        if (data == null) {
            throw new IOException(BUNDLED_SAMPLE + ": no validation_sample.bin");
        }
        List<byte[]> images = new ArrayList<>();
        for (int at = 0; at + 3073 <= data.length; at += 3073) {
            byte[] px = new byte[3072];
            System.arraycopy(data, at + 1, px, 0, 3072);
            images.add(px);
        }
        return images;
    }

    /** The largest absolute difference of two probability matrices, and the rows whose top-1 differ. */
    static double[] compare(INDArray actual, float[][] expected) {
        double worst = 0;
        int disagreements = 0;
        for (int n = 0; n < expected.length; n++) {
            int topA = 0;
            int topE = 0;
            for (int c = 0; c < expected[n].length; c++) {
                double a = actual.getDouble(n, c);
                worst = Math.max(worst, Math.abs(a - expected[n][c]));
                topA = a > actual.getDouble(n, topA) ? c : topA;
                topE = expected[n][c] > expected[n][topE] ? c : topE;
            }
            disagreements += topA == topE ? 0 : 1;
        }
        return new double[] {worst, disagreements};
    }

    /** Reads a small stream fully, for tests. */
    static byte[] bytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
