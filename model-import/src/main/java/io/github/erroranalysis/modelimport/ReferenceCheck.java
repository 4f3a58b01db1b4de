package io.github.erroranalysis.modelimport;

import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.NumberArray;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.io.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Verifies a model against the original framework: runs it on reference images exactly as the analysis does
 * ({@link CifarModel#predict(CifarDataset)}: the images as a {@link CifarDataset}, normalised by the model's own
 * normalization) and compares its probabilities with the reference outputs.
 *
 * <p>The reference inputs are raw images, {@code uint8}, N×32×32×3 (NHWC) or N×3×32×32 (NCHW, told by which axis is
 * 3), channels in RGB order, so the preprocessing is verified too; the reference outputs are the original model's
 * probabilities, N×C, float32 or float64, each row summing to 1. Both are read with the core's safe {@code .npy}
 * reader.
 */
public final class ReferenceCheck {

    /** How far a row of the reference outputs may sum from 1. */
    public static final double ROW_SUM_TOLERANCE = 1e-3;

    private static final Set<String> UINT8 = Set.of("|u1", "u1", "<u1", ">u1", "=u1");
    private static final Set<String> FLOATS = Set.of("<f4", ">f4", "=f4", "<f8", ">f8", "=f8", "f4", "f8");

    private ReferenceCheck() {
    }

    /**
     * Runs the model on the reference images and compares its probabilities with the reference outputs.
     *
     * @param model the model (an imported one, or any other)
     * @param inputs the reference images {@code .npy}
     * @param outputs the reference probabilities {@code .npy}
     * @param tolerance the largest absolute difference of a probability allowed
     * @return the comparison; {@link Verification#passed()} tells whether the model reproduces the reference
     * @throws ModelImportException if a file is not what it must be (its path, the shape or the dtype named)
     * @throws IOException if a file cannot be read
     */
    public static Verification verify(CifarModel model, Path inputs, Path outputs, double tolerance)
            throws IOException {
        NpyFile.Header in = header(inputs);
        long[] shape = shape(in);
        boolean nhwc = shape.length == 4 && shape[3] == 3 && shape[1] == CifarDataset.SIDE
                && shape[2] == CifarDataset.SIDE;
        boolean nchw = shape.length == 4 && shape[1] == 3 && shape[2] == CifarDataset.SIDE
                && shape[3] == CifarDataset.SIDE;
        if (!nhwc && !nchw) {
            throw new ModelImportException(inputs + ": reference inputs of shape " + tuple(shape) + "; expected "
                    + "N x 32 x 32 x 3 (NHWC) or N x 3 x 32 x 32 (NCHW) images of 32 x 32 pixels");
        }
        if (!UINT8.contains(in.descr())) {
            throw new ModelImportException(inputs + ": reference inputs of dtype '" + in.descr() + "'; expected "
                    + "raw pixels as uint8 (0 to 255), such as numpy's images.astype(np.uint8), so that the "
                    + "preprocessing is verified too");
        }
        int n = (int) shape[0];
        if (n == 0) {
            throw new ModelImportException(inputs + ": no reference images (shape " + tuple(shape) + ")");
        }
        NpyFile.Header out = header(outputs);
        long[] outShape = shape(out);
        int classes = model.classNames().size();
        if (outShape.length != 2) {
            throw new ModelImportException(outputs + ": reference outputs of shape " + tuple(outShape) + "; expected "
                    + "N x C probabilities (" + n + " x " + classes + ")");
        }
        if (!FLOATS.contains(out.descr())) {
            throw new ModelImportException(outputs + ": reference outputs of dtype '" + out.descr() + "'; expected "
                    + "probabilities as float32 or float64");
        }
        if (outShape[0] != n) {
            throw new ModelImportException(outputs + ": " + outShape[0] + " rows of reference outputs, but "
                    + inputs.getFileName() + " has " + n + " reference images");
        }
        if (outShape[1] != classes) {
            throw new ModelImportException(outputs + ": " + outShape[1] + " columns of reference outputs, but the "
                    + "model has " + classes + " classes " + model.classNames());
        }
        NumberArray probabilities = NpyFile.readNumbers(outputs);
        checkProbabilities(outputs, probabilities, n, classes);
        CifarDataset images = images(inputs, NpyFile.readNumbers(inputs), n, nhwc, model.classNames());
        INDArray here;
        try {
            here = model.predict(images);
        } catch (RuntimeException e) {
            throw new ModelImportException(inputs + ": the model cannot run on the reference images ("
                    + Messages.oneLine(e) + ")", e);
        }
        return compare(here, probabilities, n, classes, tolerance, outputs.getFileName().toString(),
                model.classNames());
    }

    private static NpyFile.Header header(Path file) throws IOException {
        try {
            return NpyFile.readHeader(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ModelImportException(file + ": no such file", e);
        } catch (IOException e) {
            throw new ModelImportException(Messages.oneLine(e), e);
        }
    }

    private static long[] shape(NpyFile.Header header) {
        return header.shape().stream().mapToLong(Long::longValue).toArray();
    }

    /** Refuses reference outputs that are not probabilities: a value outside [0, 1] or a row not summing to 1. */
    private static void checkProbabilities(Path file, NumberArray p, int n, int classes) throws ModelImportException {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double v = p.get(i * classes + c);
                if (!Double.isFinite(v)) {
                    throw new ModelImportException(file + ": row " + i + ", column " + c + " is " + v + "; expected "
                            + "probabilities");
                }
                if (v < -ROW_SUM_TOLERANCE || v > 1 + ROW_SUM_TOLERANCE) {
                    throw new ModelImportException(file + ": row " + i + ", column " + c + " is "
                            + Verification.fixed(v) + ", outside [0, 1]: these look like logits; give the softmax "
                            + "outputs (probabilities), such as torch.softmax(model(x), dim=1)");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new ModelImportException(file + ": row " + i + " sums to " + Verification.fixed(sum) + ", not "
                        + "1: not one probability distribution per image (logits, or per-class scores such as a "
                        + "sigmoid's); give the softmax outputs "
                        + "(probabilities), such as torch.softmax(model(x), dim=1)");
            }
        }
    }

    /** The reference images as a data set in the library's planar RGB layout, each labelled class 0. */
    private static CifarDataset images(Path file, NumberArray pixels, int n, boolean nhwc, List<String> classNames) {
        int plane = CifarDataset.PLANE_BYTES;
        List<byte[]> images = new ArrayList<>(n);
        List<Origin> origins = new ArrayList<>(n);
        String name = file.getFileName().toString();
        for (int i = 0; i < n; i++) {
            byte[] image = new byte[CifarDataset.IMAGE_BYTES];
            int base = i * CifarDataset.IMAGE_BYTES;
            if (nhwc) {
                for (int p = 0; p < plane; p++) {
                    for (int c = 0; c < 3; c++) {
                        image[c * plane + p] = (byte) (int) pixels.get(base + p * 3 + c);
                    }
                }
            } else {
                for (int k = 0; k < CifarDataset.IMAGE_BYTES; k++) {
                    image[k] = (byte) (int) pixels.get(base + k);
                }
            }
            images.add(image);
            origins.add(new Origin(name, i));
        }
        return CifarDataset.of(images, new int[n], origins, classNames);
    }

    /** Compares the model's probabilities with the reference's: the largest difference, the top-1 disagreements. */
    static Verification compare(INDArray here, NumberArray reference, int n, int classes, double tolerance,
            String referenceName, List<String> classNames) throws ModelImportException {
        if (here.rank() != 2 || here.size(0) != n || here.size(1) != classes) {
            throw new ModelImportException(referenceName + ": the model gave outputs of shape "
                    + java.util.Arrays.toString(here.shape()) + " for " + n + " reference images of " + classes
                    + " classes");
        }
        double largest = -1;
        int atExample = 0;
        int atClass = 0;
        double atHere = 0;
        double atReference = 0;
        int disagreements = 0;
        int first = -1;
        int firstHere = 0;
        int firstReference = 0;
        for (int i = 0; i < n; i++) {
            int topHere = 0;
            int topReference = 0;
            double bestHere = Double.NEGATIVE_INFINITY;
            double bestReference = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double h = here.getDouble(i, c);
                double r = reference.get(i * classes + c);
                double d = Math.abs(h - r);
                if (!(d <= largest)) { // NaN counts as the largest
                    largest = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                    atExample = i;
                    atClass = c;
                    atHere = h;
                    atReference = r;
                }
                if (h > bestHere) {
                    bestHere = h;
                    topHere = c;
                }
                if (r > bestReference) {
                    bestReference = r;
                    topReference = c;
                }
            }
            // a disagreement: our top class is none of the reference's maxima (a tie there is no disagreement)
            if (!(reference.get(i * classes + topHere) == bestReference)) {
                if (first < 0) {
                    first = i;
                    firstHere = topHere;
                    firstReference = topReference;
                }
                disagreements++;
            }
        }
        return new Verification(referenceName, n, classes, tolerance, largest, atExample, atClass,
                classNames.get(atClass), atHere, atReference, disagreements, first,
                first < 0 ? null : classNames.get(firstHere), first < 0 ? null : classNames.get(firstReference));
    }

    private static String tuple(long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString().toLowerCase(Locale.ROOT);
    }
}
