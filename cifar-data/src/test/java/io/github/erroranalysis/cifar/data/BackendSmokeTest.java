package io.github.erroranalysis.cifar.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BackendSmokeTest {
    @Test
    void backend_loads_and_adds() {
        assertThat(Nd4j.create(new float[] {1, 2}).sumNumber().floatValue()).isEqualTo(3f);
    }
}
