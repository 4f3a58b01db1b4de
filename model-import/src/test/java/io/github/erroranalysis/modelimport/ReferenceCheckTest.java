package io.github.erroranalysis.modelimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.NpyFile;
import io.github.erroranalysis.NumberArray;
import io.github.erroranalysis.cifar.data.Cifar10;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference check on the bundled baseline (any CifarModel will do): its own outputs pass with difference 0 in
 * either layout, a perturbed or swapped reference is refused naming the example, the class and both values, and
 * files of the wrong kind are named.
 */
class ReferenceCheckTest {

    private static final int N = 12;

    @TempDir
    static Path dir;

    private static CifarModel model;
    private static byte[] planar;
    private static float[] probabilities;
    private static int classes;

    @BeforeAll
    static void images() throws IOException {
        model = BundledModels.baseline();
        Random random = new Random(7);
        List<byte[]> images = new ArrayList<>();
        List<Origin> origins = new ArrayList<>();
        planar = new byte[N * CifarDataset.IMAGE_BYTES];
        random.nextBytes(planar);
        for (int i = 0; i < N; i++) {
            byte[] image = new byte[CifarDataset.IMAGE_BYTES];
            System.arraycopy(planar, i * image.length, image, 0, image.length);
            images.add(image);
            origins.add(new Origin("x", i));
        }
        INDArray out = model.predict(CifarDataset.of(images, new int[N], origins, Cifar10.CLASS_NAMES));
        classes = (int) out.size(1);
        probabilities = out.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).data().asFloat();
        NpyFile.writeUint8(dir.resolve("nchw.npy"), planar, N, 3, 32, 32);
        byte[] nhwc = new byte[planar.length];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < CifarDataset.PLANE_BYTES; p++) {
                    nhwc[i * CifarDataset.IMAGE_BYTES + p * 3 + c] = planar[i * CifarDataset.IMAGE_BYTES
                            + c * CifarDataset.PLANE_BYTES + p];
                }
            }
        }
        NpyFile.writeUint8(dir.resolve("nhwc.npy"), nhwc, N, 32, 32, 3);
        NpyFile.writeFloat32(dir.resolve("y.npy"), probabilities, N, classes);
    }

    @Test
    void the_models_own_outputs_pass_in_either_layout() throws IOException {
        for (String layout : List.of("nchw.npy", "nhwc.npy")) {
            Verification v = ReferenceCheck.verify(model, dir.resolve(layout), dir.resolve("y.npy"), 1e-4);
            assertThat(v.passed()).as(layout).isTrue();
            assertThat(v.largestDifference()).as(layout).isZero();
            assertThat(v.topDisagreements()).isZero();
            assertThat(v.examples()).isEqualTo(N);
            assertThat(v.inWords()).isEqualTo("verified against 12 reference outputs (largest difference 0)");
        }
    }

    @Test
    void a_perturbed_probability_is_refused_naming_the_example_the_class_and_both_values() throws IOException {
        float[] broken = probabilities.clone();
        broken[5 * classes + top(5)] -= 0.0125f;
        broken[5 * classes + (top(5) + 1) % classes] += 0.0125f;
        NpyFile.writeFloat32(dir.resolve("perturbed.npy"), broken, N, classes);
        Verification v = ReferenceCheck.verify(model, dir.resolve("nchw.npy"), dir.resolve("perturbed.npy"), 1e-4);
        assertThat(v.passed()).isFalse();
        assertThat(v.example()).isEqualTo(5);
        assertThat(v.refusal()).startsWith("the import does not reproduce the reference outputs: example 5, class '"
                + Cifar10.CLASS_NAMES.get(v.classIndex()) + "': ").contains(" in perturbed.npy (difference 1.25e-2 > "
                + "tolerance 1e-4)");
    }

    @Test
    void swapped_rows_disagree_on_the_top_class() throws IOException {
        float[] swapped = probabilities.clone();
        int a = 0;
        int b = -1;
        for (int i = 1; i < N && b < 0; i++) {
            if (top(i) != top(0)) {
                b = i;
            }
        }
        assertThat(b).as("two images with different top classes").isPositive();
        System.arraycopy(probabilities, b * classes, swapped, a * classes, classes);
        System.arraycopy(probabilities, a * classes, swapped, b * classes, classes);
        NpyFile.writeFloat32(dir.resolve("swapped.npy"), swapped, N, classes);
        Verification v = ReferenceCheck.verify(model, dir.resolve("nhwc.npy"), dir.resolve("swapped.npy"), 1e-4);
        assertThat(v.passed()).isFalse();
        assertThat(v.topDisagreements()).isEqualTo(2);
        assertThat(v.firstDisagreement()).isZero();
        assertThat(v.refusal()).contains("; 2 of 12 examples disagree on the top class (first: example 0, '"
                + Cifar10.CLASS_NAMES.get(top(0)) + "' here vs '" + Cifar10.CLASS_NAMES.get(top(b)) + "')");
    }

    @Test
    void a_nan_or_infinite_probability_of_the_model_fails_the_check_however_large_the_tolerance()
            throws ModelImportException {
        NumberArray reference = NumberArray.ofFloats(new float[] {0.25f, 0.75f, 0.5f, 0.5f, 1f, 0f}, 3, 2);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            INDArray here = Nd4j.create(new float[][] {{0.25f, 0.75f}, {0.5f, bad}, {1f, 0f}});
            Verification v = ReferenceCheck.compare(here, reference, 3, 2, 0.9, "y.npy", List.of("a", "b"));
            assertThat(v.passed()).as("output " + bad).isFalse();
            assertThat(v.example()).isEqualTo(1);
            assertThat(v.classIndex()).isEqualTo(1);
            assertThat(v.refusal()).contains("example 1, class 'b': " + Verification.fixed(bad) + " here vs "
                    + "0.50000 in y.npy (difference " + (Float.isNaN(bad) ? "NaN" : "Infinity") + " > tolerance ");
        }
    }

    @Test
    void a_tie_in_the_reference_is_no_top_1_disagreement() throws ModelImportException {
        // row 0: the reference ties classes a and b, ours picks b; row 1: ours picks c, the reference's only maximum is a
        NumberArray reference = NumberArray.ofFloats(new float[] {0.4f, 0.4f, 0.2f, 0.5f, 0.3f, 0.2f}, 2, 3);
        INDArray here = Nd4j.create(new float[][] {{0.39f, 0.41f, 0.2f}, {0.2f, 0.3f, 0.5f}});
        Verification v = ReferenceCheck.compare(here, reference, 2, 3, 0.5, "y.npy", List.of("a", "b", "c"));
        assertThat(v.topDisagreements()).isEqualTo(1);
        assertThat(v.passed()).isFalse();
        Verification tied = ReferenceCheck.compare(here.getRow(0, true), NumberArray.ofFloats(
                new float[] {0.4f, 0.4f, 0.2f}, 1, 3), 1, 3, 0.05, "y.npy", List.of("a", "b", "c"));
        assertThat(tied.topDisagreements()).isZero();
        assertThat(tied.passed()).isTrue();
    }

    @Test
    void files_of_the_wrong_kind_are_named() throws IOException {
        NpyFile.writeFloat32(dir.resolve("logits.npy"), scaled(probabilities, 5f), N, classes);
        assertThatThrownBy(() -> ReferenceCheck.verify(model, dir.resolve("nchw.npy"), dir.resolve("logits.npy"),
                1e-4)).isInstanceOf(ModelImportException.class).hasMessageContaining("logits.npy: row 0")
                .hasMessageContaining("these look like logits").hasMessageContaining("give the softmax outputs");
        NpyFile.writeFloat32(dir.resolve("short.npy"), java.util.Arrays.copyOf(probabilities, 3 * classes), 3,
                classes);
        assertThatThrownBy(() -> ReferenceCheck.verify(model, dir.resolve("nchw.npy"), dir.resolve("short.npy"),
                1e-4)).hasMessage(dir.resolve("short.npy") + ": 3 rows of reference outputs, but nchw.npy has 12 "
                + "reference images");
        NpyFile.writeUint8(dir.resolve("small.npy"), new byte[2 * 3 * 16 * 16], 2, 3, 16, 16);
        assertThatThrownBy(() -> ReferenceCheck.verify(model, dir.resolve("small.npy"), dir.resolve("y.npy"),
                1e-4)).hasMessage(dir.resolve("small.npy") + ": reference inputs of shape (2, 3, 16, 16); expected "
                + "N x 32 x 32 x 3 (NHWC) or N x 3 x 32 x 32 (NCHW) images of 32 x 32 pixels");
        NpyFile.writeFloat32(dir.resolve("floats.npy"), new float[3072], 1, 3, 32, 32);
        assertThatThrownBy(() -> ReferenceCheck.verify(model, dir.resolve("floats.npy"), dir.resolve("y.npy"),
                1e-4)).hasMessageStartingWith(dir.resolve("floats.npy") + ": reference inputs of dtype '<f4'; "
                + "expected raw pixels as uint8");
        assertThatThrownBy(() -> ReferenceCheck.verify(model, dir.resolve("none.npy"), dir.resolve("y.npy"),
                1e-4)).hasMessage(dir.resolve("none.npy") + ": no such file");
    }

    @Test
    void per_class_scores_that_do_not_sum_to_one_are_not_called_logits() throws IOException {
        float[] sigmoid = new float[N * classes];
        java.util.Arrays.fill(sigmoid, 0.5f); // each in [0, 1], as a multi-label model's sigmoid outputs
        NpyFile.writeFloat32(dir.resolve("sigmoid.npy"), sigmoid, N, classes);
        assertThatThrownBy(() -> ReferenceCheck.verify(model, dir.resolve("nchw.npy"), dir.resolve("sigmoid.npy"),
                1e-4)).isInstanceOf(ModelImportException.class)
                .hasMessageStartingWith(dir.resolve("sigmoid.npy") + ": row 0 sums to ")
                .hasMessageContaining("not one probability distribution per image (logits, or per-class scores such "
                        + "as a sigmoid's)")
                .hasMessageNotContaining("look like logits");
    }

    private static int top(int i) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (probabilities[i * classes + c] > probabilities[i * classes + best]) {
                best = c;
            }
        }
        return best;
    }

    private static float[] scaled(float[] p, float factor) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] * factor;
        }
        return out;
    }
}
