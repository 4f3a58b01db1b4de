package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The embedding clusters: k-means++ recovers well-separated directions whatever the rows' lengths, numbers the
 * clusters by size, gives the same clusters for the same seed, and makes at most one cluster per minimum support.
 */
class EmbeddingClustersTest {

    /** Three groups of 60, 25 and 15 rows around three orthogonal directions, each row scaled by a random length. */
    private static Embeddings.Matrix groups(long seed, int[] truth) {
        Random random = new Random(seed);
        int[] sizes = {15, 60, 25}; // group 1 is the largest
        int d = 8;
        int n = 100;
        float[] v = new float[n * d];
        int row = 0;
        int[] order = new int[n];
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < sizes[g]; i++) {
                order[row++] = g;
            }
        }
        for (int i = n - 1; i > 0; i--) { // shuffle the rows
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < n; i++) {
            double length = 0.1 + 10 * random.nextDouble();
            for (int j = 0; j < d; j++) {
                v[i * d + j] = (float) (length * ((j == order[i] ? 1 : 0) + 0.15 * random.nextGaussian()));
            }
            truth[i] = order[i];
        }
        return new Embeddings.Matrix(n, d, v);
    }

    @Test
    void wellSeparatedDirectionsAreRecoveredAndNumberedBySize() {
        int[] truth = new int[100];
        Embeddings.Matrix m = groups(7, truth);
        int[] cluster = EmbeddingClusters.assign(m, 3, 42);
        int[] expected = {2, 0, 1}; // group 1 (60 rows) is cluster 0, group 2 (25) cluster 1, group 0 (15) cluster 2
        for (int i = 0; i < truth.length; i++) {
            assertThat(cluster[i]).as("row %d of group %d", i, truth[i]).isEqualTo(expected[truth[i]]);
        }
    }

    @Test
    void theSameSeedGivesTheSameClustersAndEveryClusterIsUsed() {
        int[] truth = new int[100];
        Embeddings.Matrix m = groups(11, truth);
        int[] a = EmbeddingClusters.assign(m, 6, 5);
        assertThat(EmbeddingClusters.assign(m, 6, 5)).isEqualTo(a);
        int[] sizes = new int[6];
        for (int c : a) {
            sizes[c]++;
        }
        assertThat(Arrays.stream(sizes).min().orElseThrow()).isPositive();
        int[] sorted = sizes.clone();
        Arrays.sort(sorted);
        for (int c = 0; c < 6; c++) {
            assertThat(sizes[c]).as("cluster %d by size, largest first: %s", c, Arrays.toString(sizes))
                    .isEqualTo(sorted[5 - c]);
        }
    }

    @Test
    void theNumberOfClustersIsCappedByTheMinimumSupport() {
        assertThat(EmbeddingClusters.count(16, 5000, 25)).isEqualTo(16);
        assertThat(EmbeddingClusters.count(16, 100, 25)).isEqualTo(4);
        assertThat(EmbeddingClusters.count(16, 40, 25)).isEqualTo(1);
        assertThatThrownBy(() -> EmbeddingClusters.assign(new Embeddings.Matrix(2, 1, new float[] {1, 2}), 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 2 clusters");
    }
}
