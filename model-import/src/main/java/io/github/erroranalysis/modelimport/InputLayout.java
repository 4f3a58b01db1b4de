package io.github.erroranalysis.modelimport;

import java.util.Locale;

/**
 * The order of an image tensor's axes as the original model takes it: channels first (PyTorch, most ONNX files) or
 * channels last (Keras, TensorFlow).
 */
public enum InputLayout {
    /** Batch, channels, height, width: PyTorch's and most ONNX files' layout. */
    NCHW,
    /** Batch, height, width, channels: Keras's and TensorFlow's layout ({@code channels_last}). */
    NHWC;

    /**
     * Reads a layout as typed ({@code NCHW} or {@code NHWC}, any case).
     *
     * @param typed the text
     * @return the layout
     * @throws IllegalArgumentException if it is neither, saying what was typed
     */
    public static InputLayout parse(String typed) {
        String t = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "NCHW" -> NCHW;
            case "NHWC" -> NHWC;
            default -> throw new IllegalArgumentException("'" + typed + "' is not an input layout; expected NCHW "
                    + "(channels first, PyTorch) or NHWC (channels last, Keras)");
        };
    }
}
