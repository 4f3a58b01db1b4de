package io.github.erroranalysis.report;

import java.util.List;

/**
 * An occlusion sensitivity map of one prediction: for each position of the grey patch, how much the probability
 * of the explained class dropped when the patch covered that region (positive: the region mattered), and the
 * faithfulness check.
 *
 * @param classIndex the explained class (by default the predicted class of the unoccluded image)
 * @param baseProbability the probability of that class for the unoccluded image
 * @param imageHeight the image height in pixels
 * @param imageWidth the image width in pixels
 * @param patch the side of the square patch in pixels
 * @param stride the step between patch positions in pixels
 * @param rows the number of patch positions down the image
 * @param columns the number of patch positions across the image
 * @param drops the drop in probability at each position, row-major ({@code rows × columns} values)
 * @param faithfulness the probability after occluding the most important region against a random one
 */
public record OcclusionMap(int classIndex, double baseProbability, int imageHeight, int imageWidth, int patch,
        int stride, int rows, int columns, List<Double> drops, Faithfulness faithfulness) {

    /**
     * The faithfulness check: if the map is faithful, occluding its most important region lowers the class's
     * probability more than occluding a random region of the same size.
     *
     * @param mostImportantRow the patch row of the largest drop (first on ties)
     * @param mostImportantColumn the patch column of the largest drop
     * @param probabilityAfterMostImportant the class's probability with the most important region occluded
     * @param randomRow the patch row of the seeded random region (another position when there is one)
     * @param randomColumn the patch column of the random region
     * @param probabilityAfterRandom the class's probability with the random region occluded
     */
    public record Faithfulness(int mostImportantRow, int mostImportantColumn, double probabilityAfterMostImportant,
            int randomRow, int randomColumn, double probabilityAfterRandom) {

        /**
         * Tells whether occluding the most important region lowered the probability more than the random region.
         *
         * @return true when the map passes the check
         */
        public boolean passes() {
            return probabilityAfterMostImportant < probabilityAfterRandom;
        }
    }

    /**
     * Checks the shape and copies the drops.
     *
     * @param classIndex the explained class
     * @param baseProbability the unoccluded probability
     * @param imageHeight the image height
     * @param imageWidth the image width
     * @param patch the patch side
     * @param stride the stride
     * @param rows the positions down
     * @param columns the positions across
     * @param drops the drops, row-major
     * @param faithfulness the faithfulness check
     */
    public OcclusionMap {
        drops = List.copyOf(drops);
        if (drops.size() != rows * columns) {
            throw new IllegalArgumentException("an occlusion map of " + rows + "×" + columns + " positions needs "
                    + rows * columns + " drops, but has " + drops.size());
        }
    }

    /**
     * Gives the drop at one patch position.
     *
     * @param row the patch row, from 0
     * @param column the patch column, from 0
     * @return the base probability minus the probability with the patch there
     */
    public double drop(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("position (" + row + ", " + column + ") is outside the "
                    + rows + "×" + columns + " positions");
        }
        return drops.get(row * columns + column);
    }

    /**
     * Gives the number of patch positions, which is the number of occluded images classified.
     *
     * @return {@code rows × columns}
     */
    public int positions() {
        return rows * columns;
    }

    /**
     * Averages, for each pixel, the drops of every patch position covering it.
     *
     * @return a fresh {@code imageHeight × imageWidth} array (0 where no patch reached)
     */
    public double[][] pixelSensitivity() {
        double[][] sum = new double[imageHeight][imageWidth];
        int[][] count = new int[imageHeight][imageWidth];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double d = drops.get(r * columns + c);
                for (int y = r * stride; y < Math.min(imageHeight, r * stride + patch); y++) {
                    for (int x = c * stride; x < Math.min(imageWidth, c * stride + patch); x++) {
                        sum[y][x] += d;
                        count[y][x]++;
                    }
                }
            }
        }
        for (int y = 0; y < imageHeight; y++) {
            for (int x = 0; x < imageWidth; x++) {
                sum[y][x] = count[y][x] == 0 ? 0 : sum[y][x] / count[y][x];
            }
        }
        return sum;
    }
}
