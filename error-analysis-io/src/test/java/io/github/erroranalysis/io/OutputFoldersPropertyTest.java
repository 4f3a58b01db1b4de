package io.github.erroranalysis.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any existing folder, written by this library or not and with any of the user's files added: {@link
 * OutputFolders#replace} either writes exactly the new files (when the folder is empty, or holds the marker and
 * nothing but the files the marker lists) or refuses, naming the folder, with every file left as it was.
 */
class OutputFoldersPropertyTest {

    @Provide
    Arbitrary<List<String>> existing() {
        return Arbitraries.of("thesis.txt", "sub/notes.md", "report.json", "figures/a.png", "a b", ".hidden",
                "deep/er/file", OutputFolders.MARKER, "report.md", "figures/x.png", "figures/y/z.bin",
                "figures/y/mine.txt").list().ofMaxSize(4).uniqueElements();
    }

    @Provide
    Arbitrary<Map<String, byte[]>> written() {
        return Arbitraries.maps(Arbitraries.of("report.md", "report.json", "figures/x.png", "figures/y/z.bin", "r.txt"),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).ofMinSize(1).ofMaxSize(5)
                .map(LinkedHashMap::new);
    }

    @Property(tries = 60)
    void replaces_only_an_empty_folder_or_its_own_without_additions_and_otherwise_touches_nothing(
            @ForAll("written") Map<String, byte[]> previous, @ForAll boolean written,
            @ForAll("existing") List<String> existing, @ForAll("written") Map<String, byte[]> files)
            throws IOException {
        Path dir = Files.createTempDirectory("output-folders");
        try {
            Path target = Files.createDirectory(dir.resolve("out"));
            if (written) {
                OutputFolders.replace(target, "report folder", previous, f -> false);
            }
            for (String name : existing) {
                Path p = target.resolve(name);
                Files.createDirectories(p.getParent());
                Files.writeString(p, "user's " + name, StandardCharsets.UTF_8);
            }
            Map<String, String> before = OutputFoldersTest.tree(dir);
            // a file the user overwrote under a name the marker lists is the library's; any other is the user's
            boolean replaceable = !existing.contains(OutputFolders.MARKER)
                    && (written ? previous.keySet() : java.util.Set.of()).containsAll(existing);
            if (replaceable) {
                OutputFolders.replace(target, "report folder", files, f -> false);
                Map<String, String> after = OutputFoldersTest.tree(target);
                for (Map.Entry<String, byte[]> f : files.entrySet()) {
                    assertThat(Files.readAllBytes(target.resolve(f.getKey()))).isEqualTo(f.getValue());
                }
                assertThat(after.keySet().stream().filter(k -> !k.endsWith("/")))
                        .containsExactlyInAnyOrderElementsOf(concat(files.keySet(), OutputFolders.MARKER));
                try (var siblings = Files.list(dir)) {
                    assertThat(siblings).containsExactly(target);
                }
            } else {
                assertThatThrownBy(() -> OutputFolders.replace(target, "report folder", files, f -> false))
                        .isInstanceOf(ForeignFolderException.class).hasMessageStartingWith(target + (written
                                && !existing.contains(OutputFolders.MARKER) ? " is a report folder written by this "
                                + "library, but files were added to it since (" : " is not a report folder written by "
                                + "this library (it holds "));
                assertThat(OutputFoldersTest.tree(dir)).isEqualTo(before);
            }
        } finally {
            OutputFolders.deleteTree(dir);
        }
    }

    private static List<String> concat(java.util.Set<String> names, String more) {
        List<String> all = new java.util.ArrayList<>(names);
        all.add(more);
        return all;
    }
}
