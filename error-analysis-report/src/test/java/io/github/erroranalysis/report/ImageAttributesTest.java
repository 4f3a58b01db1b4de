package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.erroranalysis.SliceAttribute;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The image attributes on synthetic images whose answers are known by hand, and on small images (noise, three
 * scikit-image photographs at 32 × 32, a blurred checkerboard, an off-centre disc) against OpenCV's Laplacian and
 * Sobel, scikit-image's HSV and SciPy's centre of mass (src/test/python/image_attributes_peer.py).
 */
class ImageAttributesTest {

    private static final int BRIGHTNESS = 0;
    private static final int CONTRAST = 1;
    private static final int SATURATION = 2;
    private static final int COLOURFULNESS = 3;
    private static final int SHARPNESS = 4;
    private static final int EDGES = 5;
    private static final int OFF_CENTRE = 6;

    @Test
    void aUniformGreyImageHasItsGreyLevelAndNothingElse() {
        double[] a = ImageAttributes.measure(fill(32, 32, 128, 128, 128));
        assertThat(a).containsExactly(new double[] {128, 0, 0, 0, 0, 0, 0}, within(1e-9));
        assertThat(ImageAttributes.HUES.get(ImageAttributes.dominantHue(fill(32, 32, 128, 128, 128))))
                .isEqualTo("grey");
    }

    @Test
    void aHalfDarkImageHasTheMeanAndSpreadOfItsHalvesAndEdgesOnlyAtTheStep() {
        BufferedImage image = fill(32, 32, 200, 200, 200);
        paint(image, 0, 0, 16, 32, 0, 0, 0);
        double[] a = ImageAttributes.measure(image);
        assertThat(a[BRIGHTNESS]).isCloseTo(100, within(1e-9));
        assertThat(a[CONTRAST]).isCloseTo(100, within(1e-9));
        assertThat(a[EDGES]).as("the two columns either side of the step").isCloseTo(2.0 / 32, within(1e-12));
    }

    @Test
    void blurringACheckerboardLowersItsSharpnessAndEdgeDensity() {
        BufferedImage sharp = fill(32, 32, 0, 0, 0);
        for (int r = 0; r < 32; r += 4) {
            for (int c = (r / 4 % 2) * 4; c < 32; c += 8) {
                paint(sharp, c, r, 4, 4, 255, 255, 255);
            }
        }
        BufferedImage blurred = boxBlur(boxBlur(sharp));
        double[] s = ImageAttributes.measure(sharp);
        double[] b = ImageAttributes.measure(blurred);
        assertThat(b[SHARPNESS]).as("Laplacian variance blurred vs sharp").isLessThan(s[SHARPNESS] / 4);
        assertThat(b[BRIGHTNESS]).isCloseTo(s[BRIGHTNESS], within(2.0));
        assertThat(b[CONTRAST]).isLessThan(s[CONTRAST]);
    }

    @Test
    void aBlobInTheUpperRightQuadrantIsHalfWayToTheCorner() {
        BufferedImage image = fill(32, 32, 0, 0, 0);
        paint(image, 21, 5, 6, 6, 255, 255, 255); // centre (24, 8): 8 px right and 8 px up of (16, 16)
        assertThat(ImageAttributes.measure(image)[OFF_CENTRE]).isCloseTo(0.5, within(1e-12));
        BufferedImage centred = fill(32, 32, 0, 0, 0);
        paint(centred, 13, 13, 6, 6, 255, 255, 255);
        assertThat(ImageAttributes.measure(centred)[OFF_CENTRE]).isCloseTo(0, within(1e-12));
    }

    @Test
    void pureColoursHaveTheirHueSectorsAndHaslerSuesstrunkColourfulness() {
        assertThat(hue(fill(8, 8, 255, 0, 0))).isEqualTo("red");
        assertThat(hue(fill(8, 8, 255, 0, 40))).as("hue 351°, red across 0°").isEqualTo("red");
        assertThat(hue(fill(8, 8, 250, 240, 10))).isEqualTo("yellow");
        assertThat(hue(fill(8, 8, 10, 200, 30))).isEqualTo("green");
        assertThat(hue(fill(8, 8, 10, 200, 210))).isEqualTo("cyan");
        assertThat(hue(fill(8, 8, 20, 30, 220))).isEqualTo("blue");
        assertThat(hue(fill(8, 8, 200, 20, 210))).isEqualTo("magenta");
        assertThat(hue(fill(8, 8, 120, 125, 130))).as("saturation 0.077 < 0.1").isEqualTo("grey");
        double[] red = ImageAttributes.measure(fill(8, 8, 255, 0, 0));
        assertThat(red[SATURATION]).isEqualTo(1.0);
        assertThat(red[COLOURFULNESS]).isCloseTo(0.3 * Math.hypot(255, 127.5), within(1e-9));
    }

    @Test
    void everyAttributeAgreesWithThePythonPeers() throws Exception {
        List<String> rows;
        try (InputStream in = getClass().getResourceAsStream("attributes/attributes.csv")) {
            assertThat(in).as("attributes/attributes.csv").isNotNull();
            rows = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        }
        assertThat(rows).hasSize(7);
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            BufferedImage image;
            try (InputStream in = getClass().getResourceAsStream("attributes/" + f[0])) {
                image = ImageIO.read(in);
            }
            double[] a = ImageAttributes.measure(image);
            for (int k = 0; k < a.length; k++) {
                double expected = Double.parseDouble(f[k + 1]);
                assertThat(a[k]).as("%s: %s", f[0], ImageAttributes.NUMERIC.get(k))
                        .isCloseTo(expected, within(1e-7 * Math.max(1, Math.abs(expected))));
            }
            assertThat(hue(image)).as("%s: dominant hue", f[0]).isEqualTo(f[8]);
        }
    }

    @Test
    void theAttributesOfAnAnalysisAreEachImagesInOrderAndAMissingImageIsNamed() {
        List<BufferedImage> images = List.of(fill(8, 8, 10, 10, 10), fill(8, 8, 20, 30, 220), fill(8, 8, 255, 0, 0));
        List<SliceAttribute> attributes = ImageAttributes.of((i, o) -> Optional.of(images.get(i)), 3);
        assertThat(attributes).extracting(SliceAttribute::name).containsExactly("brightness", "contrast",
                "saturation", "colourfulness", "sharpness", "edge density", "off-centre mass", "dominant hue");
        for (int i = 0; i < 3; i++) {
            double[] a = ImageAttributes.measure(images.get(i));
            for (int k = 0; k < a.length; k++) {
                assertThat(attributes.get(k).value(i)).isEqualTo(a[k]);
            }
        }
        assertThat(attributes.get(7).categorical()).isTrue();
        assertThat(attributes.get(7).values()).containsExactly(0, 5, 1);
        assertThatThrownBy(() -> ImageAttributes.of((i, o) -> i == 1 ? Optional.empty() : Optional.of(images.get(i)),
                3)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example 1");
    }

    private static String hue(BufferedImage image) {
        return ImageAttributes.HUES.get(ImageAttributes.dominantHue(image));
    }

    private static BufferedImage fill(int w, int h, int r, int g, int b) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        paint(image, 0, 0, w, h, r, g, b);
        return image;
    }

    private static void paint(BufferedImage image, int x, int y, int w, int h, int r, int g, int b) {
        for (int row = y; row < y + h; row++) {
            for (int col = x; col < x + w; col++) {
                image.setRGB(col, row, (r << 16) | (g << 8) | b);
            }
        }
    }

    /** A 3 × 3 box blur with clamped borders. */
    static BufferedImage boxBlur(BufferedImage in) {
        int w = in.getWidth();
        int h = in.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] sum = new int[3];
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int p = in.getRGB(Math.min(w - 1, Math.max(0, x + dx)), Math.min(h - 1, Math.max(0, y + dy)));
                        sum[0] += (p >> 16) & 0xff;
                        sum[1] += (p >> 8) & 0xff;
                        sum[2] += p & 0xff;
                    }
                }
                out.setRGB(x, y, (Math.round(sum[0] / 9f) << 16) | (Math.round(sum[1] / 9f) << 8)
                        | Math.round(sum[2] / 9f));
            }
        }
        return out;
    }
}
