/**
 * Imports image classifiers trained elsewhere (Keras 2 and 3 {@code .h5}, {@code .keras}, Keras model JSON with a
 * weights {@code .h5}, ONNX from PyTorch and others) as DL4J {@code ComputationGraph}s the rest of the library
 * analyses like its own models, with the preprocessing they expect, and verifies every import against reference
 * outputs of the original framework.
 *
 * <p>Files are recognised by their content ({@link io.github.erroranalysis.modelimport.ModelFormat#detect}), read in
 * pure Java (HDF5 with jHDF, ONNX with the protobuf classes nd4j-api ships), and converted layer by layer by one
 * converter ({@code GraphBuilder}) that both front-ends ({@code OnnxImport}, {@code KerasImport}) feed. DL4J's own
 * importers are not used: its Keras importer reads HDF5 through native code and refuses Keras 3, and its ONNX importer
 * drops {@code Gemm}'s bias and yields a SameDiff graph without saliency or embeddings.
 */
package io.github.erroranalysis.modelimport;
