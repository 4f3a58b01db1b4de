package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * For any bytes in a folder's {@code report.json} (random, or a valid earlier report's JSON with bytes changed,
 * inserted or dropped), telling an earlier report from a user's folder never throws, and says yes only for one JSON
 * object whose top-level {@code schemaVersion} is the integer 1.
 */
class EarlierReportPropertyTest {

    private static final byte[] VALID = ("{\n  \"schemaVersion\" : 1,\n  \"title\" : \"Error analysis report\",\n"
            + "  \"classes\" : [ \"cat\", \"dog\" ],\n  \"accuracy\" : 0.5\n}\n").getBytes(StandardCharsets.UTF_8);

    @Provide
    Arbitrary<byte[]> contents() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> mutated = Arbitraries.integers().between(0, VALID.length - 1).list().ofMinSize(1)
                .ofMaxSize(4).flatMap(at -> Arbitraries.bytes().list().ofSize(at.size()).map(b -> Tuple.of(at, b)))
                .flatMap(t -> Arbitraries.integers().between(0, 2).map(kind -> mutate(t.get1(), t.get2(), kind)));
        return Arbitraries.oneOf(random, mutated, Arbitraries.just(VALID));
    }

    private static byte[] mutate(List<Integer> at, List<Byte> bytes, int kind) {
        byte[] b = VALID.clone();
        for (int i = 0; i < at.size(); i++) {
            int k = at.get(i);
            if (kind == 0) {
                b[k] = bytes.get(i);
            } else if (kind == 1) {
                byte[] shorter = new byte[b.length - 1];
                int cut = Math.min(k, shorter.length);
                System.arraycopy(b, 0, shorter, 0, cut);
                System.arraycopy(b, cut + 1, shorter, cut, shorter.length - cut);
                b = shorter;
            } else {
                byte[] longer = new byte[b.length + 1];
                int put = Math.min(k, b.length);
                System.arraycopy(b, 0, longer, 0, put);
                longer[put] = bytes.get(i);
                System.arraycopy(b, put, longer, put + 1, b.length - put);
                b = longer;
            }
        }
        return b;
    }

    @Property(tries = 300)
    void says_yes_only_for_an_object_declaring_schema_version_1(@ForAll("contents") byte[] json) throws IOException {
        Path dir = Files.createTempDirectory("earlier-report");
        try {
            Path file = Files.write(dir.resolve(ErrorReport.JSON_FILE), json);
            boolean earlier = ErrorReport.isEarlierReport(dir);
            assertThat(earlier).isEqualTo(ErrorReport.declaresUnmarkedVersion(file));
            if (earlier) {
                JsonNode root = new ObjectMapper().readTree(json);
                assertThat(root.isObject()).isTrue();
                assertThat(root.get("schemaVersion").isInt()).isTrue();
                assertThat(root.get("schemaVersion").intValue()).isEqualTo(1);
            }
            if (json == VALID) {
                assertThat(earlier).isTrue();
            }
        } finally {
            Files.deleteIfExists(dir.resolve(ErrorReport.JSON_FILE));
            Files.delete(dir);
        }
    }
}
