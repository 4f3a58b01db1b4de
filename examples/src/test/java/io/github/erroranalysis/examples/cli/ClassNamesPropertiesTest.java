package io.github.erroranalysis.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of the class-names reader: a list rewritten in any way the format allows (byte-order mark, line ends,
 * blank lines, surrounding spaces) reads identically; random bytes give names or a one-line
 * {@link BadInputException} naming the file, never an {@link Error} or another exception.
 */
class ClassNamesPropertiesTest {

    private static final List<String> NAMES = List.of("airplane", "automobile", "#1", "caf\u00e9", "deer", "dog",
            "frog", "horse", "ship", "truck \u2014 big");

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("class-names");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 200)
    void a_list_written_any_way_the_format_allows_reads_identically(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
        String newline = List.of("\n", "\r\n", "\r").get(random.nextInt(3));
        for (String name : NAMES) {
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? " \t" : "").append(newline);
            }
            text.append(random.nextBoolean() ? "  " : "").append(name).append(random.nextBoolean() ? " " : "")
                    .append(newline);
        }
        Path file = Files.writeString(dir.resolve("names.txt"),
                random.nextBoolean() ? text.toString().stripTrailing() : text, StandardCharsets.UTF_8);
        assertThat(Inputs.classNames(file)).isEqualTo(NAMES);
    }

    @Property(tries = 300)
    void random_bytes_give_names_or_a_one_line_error_naming_the_file(@ForAll @Size(max = 120) byte[] bytes)
            throws IOException {
        Path file = Files.write(dir.resolve("random.txt"), bytes);
        try {
            List<String> names = Inputs.classNames(file);
            assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).isNotBlank().isEqualTo(n.strip()));
        } catch (BadInputException e) {
            assertThat(e.getMessage()).contains(file.toString()).doesNotContain("\n");
        }
    }

    @Property(tries = 200)
    void a_mutated_list_reads_alike_or_fails_naming_the_file(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        byte[] valid = String.join("\n", NAMES).getBytes(StandardCharsets.UTF_8);
        byte[] mutated = valid.clone();
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt();
        Path file = Files.write(dir.resolve("mutated.txt"), mutated);
        try {
            List<String> names = Inputs.classNames(file);
            // a changed byte changes at most one name or joins/splits lines: never a crash, never an empty name
            assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(n).isNotBlank());
        } catch (BadInputException e) {
            assertThat(e.getMessage()).contains(file.toString()).doesNotContain("\n");
        }
    }
}
