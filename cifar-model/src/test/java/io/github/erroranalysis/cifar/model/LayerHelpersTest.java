package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The native layer helpers give the same outputs and training steps as DL4J's own Java path. */
class LayerHelpersTest {

    private static INDArray images() {
        Nd4j.getRandom().setSeed(3);
        return Nd4j.rand(DataType.FLOAT, 8, 3, 32, 32);
    }

    @Test
    void installs_on_the_three_convolutions_and_two_poolings() {
        assertThat(LayerHelpers.install(BaselineCnn.create(10, 1, 1e-3))).isEqualTo(5);
    }

    @Test
    void installing_again_keeps_the_helpers_already_there() throws ReflectiveOperationException {
        MultiLayerNetwork network = BaselineCnn.create(10, 1, 1e-3);
        LayerHelpers.install(network);
        java.lang.reflect.Field field = org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class
                .getDeclaredField("helper");
        field.setAccessible(true);
        Object first = field.get(network.getLayer(0));
        assertThat(first).isNotNull();
        assertThat(LayerHelpers.install(network)).isEqualTo(5);
        assertThat(field.get(network.getLayer(0))).isSameAs(first);
    }

    @Test
    void outputs_and_one_training_step_match_the_java_path() {
        MultiLayerNetwork java = BaselineCnn.create(10, 1, 1e-3);
        MultiLayerNetwork nativeHelpers = BaselineCnn.create(10, 1, 1e-3);
        LayerHelpers.install(nativeHelpers);
        INDArray x = images();
        assertThat(nativeHelpers.output(x, false).sub(java.output(x, false)).amaxNumber().doubleValue())
                .isLessThan(1e-6);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 10, 1);
        }
        java.fit(new DataSet(x, y));
        nativeHelpers.fit(new DataSet(x, y));
        assertThat(nativeHelpers.params().sub(java.params()).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(nativeHelpers.params()).isNotEqualTo(BaselineCnn.create(10, 1, 1e-3).params());
    }

    @Test
    void can_be_turned_off_with_the_system_property() {
        System.setProperty(LayerHelpers.PROPERTY, "false");
        try {
            assertThat(LayerHelpers.install(BaselineCnn.create(10, 1, 1e-3))).isZero();
        } finally {
            System.clearProperty(LayerHelpers.PROPERTY);
        }
    }
}
