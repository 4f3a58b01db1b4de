package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random crops and flips on a known pattern: every output is a padded shift, possibly mirrored, of its input. */
class AugmentationTest {

    private static final int N = 300;
    private static final int C = 2;
    private static final int H = 8;
    private static final int W = 10;

    /** Every pixel holds a distinct non-zero value, so its new place shows how it moved. */
    private static float[] pattern() {
        float[] values = new float[N * C * H * W];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        return values;
    }

    /** Where the pixel at (y, x) of the output comes from, or 0 for padding. */
    private static float expected(float[] in, int i, int ch, int y, int x, int dy, int dx, boolean flip) {
        int sy = y + dy;
        int sx = (flip ? W - 1 - x : x) + dx;
        return sy < 0 || sy >= H || sx < 0 || sx >= W ? 0f : in[((i * C + ch) * H + sy) * W + sx];
    }

    @Test
    void every_image_is_a_padded_crop_of_its_input_possibly_mirrored_and_both_kinds_occur() {
        float[] in = pattern();
        INDArray x = Nd4j.create(in, new long[] {N, C, H, W}, 'c');
        float[] out = new Augmentation(11).augment(x).data().asFloat();
        Set<String> moves = new HashSet<>();
        int flips = 0;
        int unchanged = 0;
        for (int i = 0; i < N; i++) {
            String found = null;
            for (int dy = -Augmentation.PADDING; dy <= Augmentation.PADDING && found == null; dy++) {
                for (int dx = -Augmentation.PADDING; dx <= Augmentation.PADDING && found == null; dx++) {
                    for (boolean flip : new boolean[] {false, true}) {
                        if (matches(in, out, i, dy, dx, flip)) {
                            found = dy + "," + dx + "," + flip;
                            flips += flip ? 1 : 0;
                            unchanged += dy == 0 && dx == 0 && !flip ? 1 : 0;
                            break;
                        }
                    }
                }
            }
            assertThat(found).as("image %d is a crop of its padded input, mirrored or not", i).isNotNull();
            moves.add(found);
        }
        assertThat(flips).as("flips among %d images", N).isBetween(N / 4, 3 * N / 4);
        assertThat(unchanged).as("images left as they were").isLessThan(N / 10);
        assertThat(moves).as("distinct crops and flips").hasSizeGreaterThan(100);
    }

    private static boolean matches(float[] in, float[] out, int i, int dy, int dx, boolean flip) {
        for (int ch = 0; ch < C; ch++) {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    if (out[((i * C + ch) * H + y) * W + x] != expected(in, i, ch, y, x, dy, dx, flip)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void a_flip_mirrors_each_row_and_a_shift_moves_the_image_with_zero_padding() {
        // one 1×1×1×10 row; with enough draws each of (no move), (flip only) and (shift only) appears
        float[] row = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        INDArray x = Nd4j.create(row, new long[] {1, 1, 1, 10}, 'c');
        Augmentation augmentation = new Augmentation(3);
        boolean sawMirror = false;
        boolean sawShiftLeft = false;
        for (int draw = 0; draw < 500; draw++) {
            float[] out = augmentation.augment(x).data().asFloat();
            if (out[0] == 10 && out[9] == 1) {
                sawMirror = true;
                assertThat(out).containsExactly(10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
            }
            if (out[0] == 3 && out[1] == 4) {
                sawShiftLeft = true;
                assertThat(out).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 0, 0);
            }
        }
        assertThat(sawMirror).isTrue();
        assertThat(sawShiftLeft).isTrue();
    }

    @Test
    void the_same_seed_gives_the_same_stream_batch_after_batch() {
        INDArray x = Nd4j.create(pattern(), new long[] {N, C, H, W}, 'c');
        Augmentation a = new Augmentation(5);
        Augmentation b = new Augmentation(5);
        assertThat(a.augment(x)).isEqualTo(b.augment(x));
        INDArray second = a.augment(x);
        assertThat(second).isEqualTo(b.augment(x));
        assertThat(second).isNotEqualTo(new Augmentation(5).augment(x));
    }

    @Test
    void features_that_are_not_images_are_refused() {
        assertThatThrownBy(() -> new Augmentation(1).augment(Nd4j.zeros(4, 3072)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected NCHW features [n, c, h, w], got shape [4, 3072]");
    }
}
