package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A temperature file saved with a byte-order mark is read; a cut-short or damaged one, or another document of this
 * library (a report.json), is refused in one plain line naming the file, not Jackson's message quoting the file.
 */
class TemperatureFileMessagesTest {

    @TempDir
    Path dir;

    @Test
    void a_file_with_a_utf8_byte_order_mark_is_read_as_without_one() throws Exception {
        TemperatureFit fit = TemperatureFitTest.realFit();
        Path file = dir.resolve("bom.json");
        Files.writeString(file, "\uFEFF" + fit.toJson(), StandardCharsets.UTF_8);
        assertThat(TemperatureFit.read(file)).isEqualTo(fit);
    }

    @Test
    void a_cut_short_or_damaged_file_and_a_report_json_are_refused_in_one_plain_line() throws Exception {
        String json = TemperatureFitTest.realFit().toJson();
        Path cut = Files.writeString(dir.resolve("cut.json"), json.substring(0, json.length() / 2));
        assertThatThrownBy(() -> TemperatureFit.read(cut)).isInstanceOf(TemperatureFileException.class)
                .hasMessage(cut + ": not valid JSON: the file ends before its JSON is complete (cut short?)");
        Path damaged = Files.writeString(dir.resolve("damaged.json"), json.replaceFirst(",", ";"));
        assertThatThrownBy(() -> TemperatureFit.read(damaged)).isInstanceOf(TemperatureFileException.class)
                .hasMessageStartingWith(damaged + ": not valid JSON at line 2, column ")
                .hasMessageNotContaining("\n").hasMessageNotContaining("schemaVersion").hasMessageNotContaining(
                        "Source:");
        Path report = Files.writeString(dir.resolve("report.json"), "{\"schemaVersion\": 2, \"type\": \"errorReport\", "
                + "\"title\": \"Error analysis\", \"examples\": 1000}");
        assertThatThrownBy(() -> TemperatureFit.read(report)).isInstanceOf(TemperatureFileException.class)
                .hasMessage(report + ": type is \"errorReport\": not a temperature file (its type is "
                        + "\"temperature\")");
    }
}
