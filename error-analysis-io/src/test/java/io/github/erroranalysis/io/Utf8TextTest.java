package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strict UTF-8: a byte-order mark dropped, the file, line and offset of the first bad byte named. */
class Utf8TextTest {

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String> lines(byte[] bytes, int chunk) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Utf8Text.Lines in = Utf8Text.lines("f.csv", new Trickle(bytes, chunk))) {
            for (String line = in.next(); line != null; line = in.next()) {
                lines.add(line);
                assertThat(in.lineNumber()).isEqualTo(lines.size());
            }
        }
        return lines;
    }

    @Test
    void should_decode_utf_8_and_drop_a_leading_byte_order_mark_only() throws IOException {
        byte[] text = "\uFEFFcaf\u00e9\n\uFEFFx \uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Text.decode("a.txt", text)).isEqualTo("caf\u00e9\n\uFEFFx \uD83D\uDE00");
        assertThat(Utf8Text.decodeAt("a.txt", text, 10)).isEqualTo("\uFEFFcaf\u00e9\n\uFEFFx \uD83D\uDE00");
        assertThat(Utf8Text.decode("a.txt", new byte[0])).isEmpty();
    }

    @Test
    void should_name_the_file_line_and_offset_of_the_first_bad_byte() {
        assertThatThrownBy(() -> Utf8Text.decode("dir/meta.txt", latin1("cat\r\ndog\rcaf\u00e9\nfrog\u00ff")))
                .isInstanceOf(NotUtf8Exception.class)
                .hasMessage("dir/meta.txt, line 3: not UTF-8 text (byte 0xE9 at offset 12 does not decode); save it "
                        + "as UTF-8")
                .satisfies(e -> {
                    NotUtf8Exception n = (NotUtf8Exception) e;
                    assertThat(List.of(n.file(), n.line(), n.offset(), n.value()))
                            .containsExactly("dir/meta.txt", 3L, 12L, 0xE9);
                });
        // a multi-byte character cut by the end, an encoded surrogate, an overlong slash
        assertThatThrownBy(() -> Utf8Text.decode("a", new byte[] {'a', '\n', (byte) 0xC3}))
                .hasMessage("a, line 2: not UTF-8 text (byte 0xC3 at offset 2 does not decode); save it as UTF-8");
        assertThatThrownBy(() -> Utf8Text.decode("a", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                .hasMessage("a, line 1: not UTF-8 text (byte 0xED at offset 0 does not decode); save it as UTF-8");
        assertThatThrownBy(() -> Utf8Text.decode("a", new byte[] {'x', (byte) 0xC0, (byte) 0xAF}))
                .hasMessage("a, line 1: not UTF-8 text (byte 0xC0 at offset 1 does not decode); save it as UTF-8");
        assertThatThrownBy(() -> Utf8Text.decodeAt("h.npy", latin1("{'a\u00e9"), 10))
                .hasMessage("h.npy, line 1: not UTF-8 text (byte 0xE9 at offset 13 does not decode); save it as "
                        + "UTF-8");
    }

    @Test
    void should_stream_lines_with_every_line_end_and_a_byte_order_mark_dropped() throws IOException {
        byte[] text = "\uFEFFa,b\r\n\r\n1\r2\n\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {1, 2, 3, 7, 1 << 20}) {
            assertThat(lines(text, chunk)).as("read %d bytes at a time", chunk)
                    .containsExactly("a,b", "", "1", "2", "\u00e9\u20ac\uD83D\uDE00");
        }
        assertThat(lines(new byte[0], 1)).isEmpty();
        assertThat(lines("\uFEFF".getBytes(StandardCharsets.UTF_8), 1)).isEmpty();
        assertThat(lines("x\n".getBytes(StandardCharsets.UTF_8), 1)).containsExactly("x");
        assertThat(lines("\n".getBytes(StandardCharsets.UTF_8), 1)).containsExactly("");
        assertThat(lines("x\n\uFEFFy".getBytes(StandardCharsets.UTF_8), 1)).containsExactly("x", "\uFEFFy");
    }

    @Test
    void should_stream_the_lines_before_a_bad_byte_then_name_its_line_and_offset() throws IOException {
        byte[] text = latin1("0.5,0.5\r\n0.25,0.75\r\ncaf\u00e9\n1,2\n");
        for (int chunk : new int[] {1, 5, 1 << 20}) {
            List<String> read = new ArrayList<>();
            try (Utf8Text.Lines in = Utf8Text.lines("f.csv", new Trickle(text, chunk))) {
                assertThatThrownBy(() -> {
                    for (String line = in.next(); line != null; line = in.next()) {
                        read.add(line);
                    }
                }).isInstanceOf(NotUtf8Exception.class).hasMessage("f.csv, line 3: not UTF-8 text (byte 0xE9 at "
                        + "offset 23 does not decode); save it as UTF-8");
            }
            assertThat(read).containsExactly("0.5,0.5", "0.25,0.75");
        }
        // a bad byte right after a carriage return is on the next line; a long file keeps counting its offset
        assertThatThrownBy(() -> lines(latin1("a\r\u00e9"), 1)).hasMessageStartingWith("f.csv, line 2: not UTF-8 "
                + "text (byte 0xE9 at offset 2 ");
        byte[] big = new byte[200_001];
        java.util.Arrays.fill(big, (byte) 'x');
        big[100_000] = '\n';
        big[200_000] = (byte) 0x80;
        assertThatThrownBy(() -> lines(big, 4096)).hasMessage("f.csv, line 2: not UTF-8 text (byte 0x80 at offset "
                + "200000 does not decode); save it as UTF-8");
    }

    /** A stream that gives at most {@code chunk} bytes a read, as a slow pipe would. */
    static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final int chunk;

        Trickle(byte[] bytes, int chunk) {
            this.in = new ByteArrayInputStream(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, chunk));
        }
    }
}
