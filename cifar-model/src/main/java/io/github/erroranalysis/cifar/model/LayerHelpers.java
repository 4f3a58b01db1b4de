package io.github.erroranalysis.cifar.model;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts DL4J's native (libnd4j/oneDNN) layer helpers on a network's convolution and pooling layers, which
 * Deeplearning4j 1.0.0-M2.1 never does by itself on CPU.
 *
 * <p>In M2.1 {@code BaseMKLDNNHelper.mklDnnEnabled()} looks for {@code org.nd4j.nativeblas.Nd4jCpu$Environment
 * .isUseMKLDNN}, a class and method that the M2.1 backend renamed ({@code ...cpu.nativecpu.bindings.Nd4jCpu$Environment
 * .isUseONEDNN}); the failed lookup is swallowed, so every convolution runs DL4J's own Java im2col + gemm path. The
 * helpers run the same layers as single native ops: on the 2-core reference machine the baseline trained 4.6× and
 * inferred 8× faster with them, with outputs equal to the Java path within 4e-8. Installing them is opt-out with
 * {@code -Derroranalysis.layerHelpers=false}.
 */
public final class LayerHelpers {

    private static final Logger LOG = LoggerFactory.getLogger(LayerHelpers.class);
    /** System property that turns the helpers off when set to {@code false}. */
    public static final String PROPERTY = "erroranalysis.layerHelpers";

    private LayerHelpers() {
    }

    /**
     * Installs the native helpers on every convolution and max/average-pooling layer of {@code network}, unless the
     * backend is not ND4J's CPU backend, native helpers are not allowed, or {@value #PROPERTY} is {@code false}.
     *
     * @param network an initialised network
     * @return the number of layers that have a helper afterwards (0 when nothing was installed); calling it again
     *         on the same network keeps the helpers already there
     */
    public static int install(MultiLayerNetwork network) {
        return install(network.getLayers(), network.getLayerWiseConfigurations().getDataType());
    }

    /**
     * Installs the native helpers on the convolution and pooling layers of a graph as {@link
     * #install(MultiLayerNetwork)} does, except on average (and p-norm) pooling with padding: the native pooling
     * helper (which DL4J M2.1 runs in the backward pass, so for saliency) is not told DL4J's {@code
     * avgPoolIncludePadInDivisor} and always leaves padding out of the divisor (a padded corner's gradient came out
     * 1/4 instead of 1/9 with padding counted), so those keep DL4J's own path.
     *
     * @param graph an initialised graph
     * @return the number of layers that have a helper afterwards (0 when nothing was installed)
     */
    public static int install(ComputationGraph graph) {
        return install(graph.getLayers(), graph.getConfiguration().getDataType());
    }

    private static int install(Layer[] layers, DataType type) {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
            return 0;
        }
        if (!"CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"))
                || !Nd4j.getEnvironment().helpersAllowed()) {
            return 0;
        }
        int installed = 0;
        try {
            for (Layer layer : layers) {
                // a layer that already has its helper (the trainer installs them, then the model it returns) keeps it
                if (layer instanceof ConvolutionLayer) {
                    Field helper = helperField(ConvolutionLayer.class);
                    if (!(helper.get(layer) instanceof MKLDNNConvHelper)) {
                        helper.set(layer, new MKLDNNConvHelper(type));
                    }
                    installed++;
                } else if (layer instanceof SubsamplingLayer && !paddedAverage(layer)) {
                    Field helper = helperField(SubsamplingLayer.class);
                    if (!(helper.get(layer) instanceof MKLDNNSubsamplingHelper)) {
                        helper.set(layer, new MKLDNNSubsamplingHelper(type));
                    }
                    installed++;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.warn("could not install native layer helpers, keeping DL4J's Java path: {}", e.toString());
            return 0;
        }
        LOG.debug("installed native layer helpers on {} layers", installed);
        return installed;
    }

    /** Whether a pooling layer averages (or p-norms) over padded windows, whose gradient the native helper errs on. */
    private static boolean paddedAverage(Layer layer) {
        if (!(layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.SubsamplingLayer conf)
                || conf.getPoolingType() == org.deeplearning4j.nn.conf.layers.PoolingType.MAX) {
            return false;
        }
        return conf.getConvolutionMode() == ConvolutionMode.Same
                || java.util.Arrays.stream(conf.getPadding()).anyMatch(p -> p != 0);
    }

    private static Field helperField(Class<?> layerClass) throws NoSuchFieldException {
        Field field = layerClass.getDeclaredField("helper");
        field.setAccessible(true);
        return field;
    }
}
