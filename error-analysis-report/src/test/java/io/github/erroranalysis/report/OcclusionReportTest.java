package io.github.erroranalysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.erroranalysis.ErrorAnalysis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Occlusion maps in the report: one file per example and class, each captioned with the class it shows. */
class OcclusionReportTest {

    private static final List<String> NAMES = List.of("cat", "dog");

    @Test
    void should_write_two_maps_of_one_example_as_two_files_whose_captions_match_their_pictures(@TempDir Path dir)
            throws IOException {
        ErrorAnalysis analysis = ReportFixtures.analysis(40, NAMES, 2);
        INDArray image = Nd4j.rand(3, 32, 32);
        OcclusionMap cat = Occlusion.map(new OcclusionTest.CountingClassifier(), image.reshape(1, 3, 32, 32), 0,
                OcclusionSettings.defaults());
        OcclusionMap dog = Occlusion.map(new OcclusionTest.CountingClassifier(), image.reshape(1, 3, 32, 32), 1,
                OcclusionSettings.defaults());
        ErrorReport report = ErrorReport.builder(analysis).images(ReportFixtures.images(0)).occlusion(12, cat)
                .occlusion(12, dog).build();
        Path folder = report.writeTo(dir.resolve("report"));

        List<Path> files;
        try (Stream<Path> list = Files.list(folder.resolve(ErrorReport.FIGURE_FOLDER))) {
            files = list.filter(p -> p.getFileName().toString().startsWith("occlusion-")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("occlusion-12-class-0-cat.png", "occlusion-12-class-1-dog.png");
        Matcher figure = Pattern.compile("!\\[Example 12: occlusion sensitivity of (\\w+)]\\(figures/([^)]+)\\)")
                .matcher(Files.readString(folder.resolve(ErrorReport.MARKDOWN_FILE)));
        List<String> captioned = new ArrayList<>();
        while (figure.find()) {
            String className = figure.group(1);
            OcclusionMap map = className.equals("cat") ? cat : dog;
            byte[] expected = Figures.png(Figures.occlusion(Optional.of(ReportFixtures.image(12)), map, className));
            assertThat(folder.resolve(ErrorReport.FIGURE_FOLDER).resolve(figure.group(2)))
                    .as("the picture of the map captioned %s", className)
                    .hasBinaryContent(expected);
            captioned.add(className);
        }
        assertThat(captioned).containsExactly("cat", "dog");
        JsonNode json = new ObjectMapper().readTree(folder.resolve(ErrorReport.JSON_FILE).toFile()).get("occlusion");
        assertThat(json.get(0).get("explainedClass").asText()).isEqualTo("cat");
        assertThat(json.get(0).get("figure").asText()).isEqualTo("figures/occlusion-12-class-0-cat.png");
        assertThat(json.get(1).get("figure").asText()).isEqualTo("figures/occlusion-12-class-1-dog.png");
    }

    @Test
    void should_name_occlusion_files_safely_whatever_the_class_name() {
        assertThat(ErrorReport.occlusionFigureName(12, 3, "cat")).isEqualTo("occlusion-12-class-3-cat");
        assertThat(ErrorReport.occlusionFigureName(7, 0, "../../etc/passwd"))
                .isEqualTo("occlusion-7-class-0-etc-passwd");
        assertThat(ErrorReport.occlusionFigureName(7, 1, "<img src=x>")).isEqualTo("occlusion-7-class-1-img-src-x");
        assertThat(ErrorReport.occlusionFigureName(7, 2, "猫")).isEqualTo("occlusion-7-class-2");
        assertThat(ErrorReport.occlusionFigureName(7, 4, "Sea Lion / Walrus"))
                .isEqualTo("occlusion-7-class-4-sea-lion-walrus");
        assertThat(ErrorReport.occlusionFigureName(7, 5, "x".repeat(100)))
                .isEqualTo("occlusion-7-class-5-" + "x".repeat(40));
    }

    @Test
    void should_refuse_a_second_map_of_one_example_for_the_same_class() {
        ErrorAnalysis analysis = ReportFixtures.analysis(40, NAMES, 2);
        OcclusionMap cat = Occlusion.map(new OcclusionTest.CountingClassifier(), Nd4j.rand(1, 3, 32, 32), 0,
                OcclusionSettings.defaults());
        ErrorReport.Builder builder = ErrorReport.builder(analysis).occlusion(12, cat);
        assertThatThrownBy(() -> builder.occlusion(12, cat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the report already has an occlusion map of example 12 for class 0 ('cat'); add one map "
                        + "per example and class");
    }
}
