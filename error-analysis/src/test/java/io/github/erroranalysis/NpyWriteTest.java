package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one {@code .npy} writer: what it writes reads back exactly, with NumPy's header layout. */
class NpyWriteTest {

    @TempDir
    Path dir;

    @Test
    void float32_int32_and_uint8_read_back_exactly_with_a_64_byte_aligned_header() throws IOException {
        Path p = dir.resolve("p.npy");
        NpyFile.writeFloat32(p, new float[] {0.25f, 0.75f, 1e-8f, 1 - 1e-8f, 0.5f, 0.5f}, 3, 2);
        NumberArray read = NpyFile.readNumbers(p);
        assertThat(read.shape()).containsExactly(3, 2);
        assertThat(read.isFloat()).isTrue();
        assertThat(read.get(2)).isEqualTo(1e-8f);
        NpyFile.Header header = NpyFile.readHeader(p);
        assertThat(header.descr()).isEqualTo("<f4");
        assertThat(header.dataOffset() % 64).isZero();
        assertThat(Files.size(p)).isEqualTo(header.dataOffset() + 6 * 4);

        Path y = dir.resolve("y.npy");
        NpyFile.writeInt32(y, new int[] {3, 0, 9}, 3);
        assertThat(NpyFile.readHeader(y).descr()).isEqualTo("<i4");
        assertThat(NpyFile.readNumbers(y).get(2)).isEqualTo(9);

        Path u = dir.resolve("u.npy");
        NpyFile.writeUint8(u, new byte[] {0, (byte) 255}, 1, 2);
        assertThat(NpyFile.readHeader(u).descr()).isEqualTo("|u1");
        assertThat(NpyFile.readNumbers(u).get(1)).isEqualTo(255);
        assertThat(new String(Files.readAllBytes(u), 0, 10, java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith("\u0093NUMPY\u0001\u0000");
    }
}
