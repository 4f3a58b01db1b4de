package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Keras model whose first layer is Rescaling(1/255), run with the default --input-scale 255 and no references:
 * the unverified import warns that pixels are divided twice, the most common Keras mistake.
 */
class KerasRescalingCliTest {

    @TempDir
    Path dir;

    @Test
    void an_unverified_model_that_rescales_its_input_itself_is_warned_about_double_scaling() throws IOException {
        String json = Files.readString(ImportFixtures.file("keras/functional.json"));
        Path weights = ImportFixtures.file("keras/functional-weights.h5");
        Files.writeString(dir.resolve("model.json"), json.replace("\"scale\": 2.0, \"offset\": -1.0",
                "\"scale\": 0.00392156862745098, \"offset\": 0.0"));
        String note = "the model rescales its input itself (Rescaling 1/255 in layer 'rescaling'), and pixels are "
                + "divided by 255 first (--input-scale 255): give --input-scale 1 if it was trained on raw 0..255 "
                + "pixels";

        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(32, 32,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0x336699);
        javax.imageio.ImageIO.write(image, "png", dir.resolve("image.png").toFile());

        Cli.Result result = Cli.run(dir, "predict", "--model", "model.json", "--weights", weights.toString(),
                "image.png");
        assertThat(result.errLines()).contains("warning: model.json: " + note);
        assertThat(result.out()).contains("  note: " + note);
    }
}
