package io.github.erroranalysis.modelimport;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A network as a front-end converted it, before class names, preprocessing and verification are attached.
 *
 * <p>The graph always takes the library's input: {@code [n, 3, H, W]} (NCHW) float images, RGB, already normalised
 * by {@link Preprocessing#normalization()}; a model that takes NHWC or BGR input has that folded into its weights or
 * its first layer. It ends in a softmax, so its outputs are probabilities.
 *
 * @param graph the DL4J network, initialised with the file's weights
 * @param format the file's format
 * @param description what was read, for provenance: for example "ONNX opset 13 from pytorch 1.13.1, 14 nodes"
 * @param layout the layout the original model takes (declared by the file, or as the settings stated)
 * @param softmaxAppended whether the file's model ended in logits and a softmax was appended
 * @param notes what the reader noticed and the user should know (one line each), such as a dropout ignored
 */
public record ImportedNetwork(ComputationGraph graph, ModelFormat format, String description, InputLayout layout,
                              boolean softmaxAppended, List<String> notes) {

    /** The start of the note that the model's first op divides its input by 255 while pixels are already scaled. */
    public static final String RESCALES_ITSELF = "the model rescales its input itself";

    /**
     * Gives the note that the model rescales its input by 1/255 itself while the preprocessing already divides
     * pixels (double scaling unless the model was trained on raw pixels), when there is one.
     *
     * @return that note, or empty
     */
    public java.util.Optional<String> rescalesItself() {
        return notes.stream().filter(n -> n.startsWith(RESCALES_ITSELF)).findFirst();
    }

    /**
     * Checks the values and copies the notes.
     *
     * @param graph the network
     * @param format the format
     * @param description what was read
     * @param layout the original layout
     * @param softmaxAppended whether a softmax was appended
     * @param notes the notes
     */
    public ImportedNetwork {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(layout, "layout");
        notes = List.copyOf(notes);
    }
}
