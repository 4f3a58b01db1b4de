package io.github.erroranalysis.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.stats.Interval;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one shape of an interval and of a metric, written by the generator and as values, byte for byte alike. */
class JsonCodecTest {

    private static final Interval DEFINED = new Interval(0.5, 0.25, 0.75, 0.95, "Wilson");
    private static final Interval UNDEFINED = Interval.undefined(0.9, "bootstrap");

    @Test
    void an_interval_is_written_in_its_one_shape_with_undefined_values_as_null() {
        String json = JsonCodec.document("test", false, g -> {
            JsonCodec.interval(g, "aInterval", DEFINED);
            JsonCodec.interval(g, "bInterval", UNDEFINED);
            JsonCodec.interval(g, "cInterval", null);
        });
        assertThat(json).isEqualTo("{\"schemaVersion\":" + JsonCodec.SCHEMA_VERSION + ",\"type\":\"test\","
                + "\"aInterval\":{\"estimate\":0.5,\"lower\":0.25,\"upper\":0.75,\"level\":0.95,\"method\":\"Wilson\"},"
                + "\"bInterval\":{\"estimate\":null,\"lower\":null,\"upper\":null,\"level\":0.9,"
                + "\"method\":\"bootstrap\"},\"cInterval\":null}");
    }

    @Test
    void a_metric_as_values_writes_the_same_bytes_as_the_generator_metric() {
        String streamed = JsonCodec.document("test", true, g -> {
            JsonCodec.metric(g, "accuracy", 0.5, DEFINED);
            JsonCodec.metric(g, "inflation", Double.NaN, UNDEFINED);
            JsonCodec.metric(g, "gap", 0.1, null);
        });
        Map<String, Object> m = new LinkedHashMap<>();
        JsonCodec.metricValues(m, "accuracy", 0.5, DEFINED);
        JsonCodec.metricValues(m, "inflation", Double.NaN, UNDEFINED);
        JsonCodec.metricValues(m, "gap", 0.1, null);
        String asValues = JsonCodec.document("test", true, g -> {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                g.writeFieldName(e.getKey());
                JsonCodec.value(g, e.getValue());
            }
        });
        assertThat(asValues).isEqualTo(streamed);
        assertThat(m.keySet()).containsExactly("accuracy", "accuracyInterval", "inflation", "inflationInterval",
                "gap", "gapInterval");
    }

    @Test
    void a_metric_key_ending_in_interval_is_refused_in_both_forms() {
        assertThatThrownBy(() -> JsonCodec.metricValues(new LinkedHashMap<>(), "accuracyInterval", 0.5, DEFINED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'accuracyInterval'");
        assertThatThrownBy(() -> JsonCodec.document("test", false, g -> JsonCodec.metric(g, "accuracyInterval", 0.5,
                DEFINED))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'accuracyInterval'");
    }
}
