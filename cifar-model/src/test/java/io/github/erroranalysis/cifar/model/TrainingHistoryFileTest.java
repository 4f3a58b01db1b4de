package io.github.erroranalysis.cifar.model;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a training history that is not UTF-8 names the file, the line and the offending byte. */
class TrainingHistoryFileTest {

    @Test
    void a_history_that_is_not_utf_8_is_refused_naming_the_file_line_and_byte(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("h.csv");
        // a Latin-1 'é' (0xE9) on the second line, where UTF-8 needs two bytes
        Files.write(file, new byte[] {'e', 'p', 'o', 'c', 'h', '\n', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> TrainingHistory.load(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ", line 2:").hasMessageContaining("0xE9")
                .hasMessageNotContaining("Input length");
    }
}
