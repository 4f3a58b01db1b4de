package io.github.erroranalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Every analysis carries its provenance: real fingerprints of the model and data, the library version, date, seed. */
class ProvenanceTest {

    private static final List<String> NAMES = List.of("cat", "dog", "bird");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private static ErrorAnalysis analyse(MultiLayerNetwork net, DataSet data) {
        return ErrorAnalysis.of(Classifier.of(net), data, AnalysisOptions.defaults().withClassNames(NAMES).quietly());
    }

    @Test
    void the_model_fingerprint_is_the_sha256_of_the_parameters_and_changes_when_one_parameter_changes() throws Exception {
        MultiLayerNetwork net = ModelAnalysisTest.network();
        DataSet data = ModelAnalysisTest.data(40);

        String before = analyse(net, data).provenance().modelFingerprint();
        assertThat(before).matches(SHA256).isEqualTo(Fingerprints.ofModel(net));
        // documented: the parameters in C order as little-endian float32 bytes
        float[] params = net.params().toFloatVector();
        ByteBuffer bytes = ByteBuffer.allocate(params.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(params);
        assertThat(before).isEqualTo("sha256:" + hex(MessageDigest.getInstance("SHA-256").digest(bytes.array())));

        float old = net.params().getFloat(3);
        net.params().putScalar(3, Math.nextUp(old));
        String changed = analyse(net, data).provenance().modelFingerprint();
        net.params().putScalar(3, old);

        assertThat(changed).matches(SHA256).isNotEqualTo(before);
        assertThat(analyse(net, data).provenance().modelFingerprint()).isEqualTo(before);
    }

    @Test
    void fingerprints_are_equal_across_runs_and_fresh_networks_of_the_same_seed() {
        DataSet data = ModelAnalysisTest.data(40);
        Provenance one = analyse(ModelAnalysisTest.network(), data).provenance();
        Provenance two = analyse(ModelAnalysisTest.network(), ModelAnalysisTest.data(40)).provenance();

        assertThat(two.modelFingerprint()).isEqualTo(one.modelFingerprint());
        assertThat(two.dataFingerprint()).matches(SHA256).isEqualTo(one.dataFingerprint());
        assertThat(one.libraryVersion()).isEqualTo(Provenance.currentLibraryVersion());
        assertThat(one.seed()).isEqualTo(Bootstrap.DEFAULT_SEED);
        assertThat(one.date()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void a_computation_graph_is_fingerprinted_by_its_parameters_too() {
        ComputationGraph graph = ModelAnalysisTest.network().toComputationGraph();
        DataSet data = ModelAnalysisTest.data(20);

        ErrorAnalysis a = ErrorAnalysis.of(Classifier.of(graph), data,
                AnalysisOptions.defaults().withClassNames(NAMES).quietly());

        assertThat(a.provenance().modelFingerprint()).matches(SHA256).isEqualTo(Fingerprints.ofModel(graph))
                .isEqualTo(Fingerprints.ofParameters(graph.params()));
    }

    @Test
    void the_data_fingerprint_is_of_features_and_labels_the_same_in_batches_of_any_size() {
        MultiLayerNetwork net = ModelAnalysisTest.network();
        DataSet data = ModelAnalysisTest.data(50);
        String inMemory = analyse(net, data).provenance().dataFingerprint();
        AnalysisOptions options = AnalysisOptions.defaults().withClassNames(NAMES).quietly();

        String batchesOf7 = ErrorAnalysis.of(Classifier.of(net), ModelAnalysisTest.iterator(data, 7), options)
                .provenance().dataFingerprint();
        String batchesOf50 = ErrorAnalysis.of(Classifier.of(net), ModelAnalysisTest.iterator(data, 50), options)
                .provenance().dataFingerprint();

        assertThat(inMemory).isEqualTo(Fingerprints.ofData(data.getFeatures(), data.getLabels()))
                .isEqualTo(batchesOf7).isEqualTo(batchesOf50);
        DataSet relabelled = data.copy();
        relabelled.getLabels().putRow(0, relabelled.getLabels().getRow(1).dup());
        assertThat(analyse(net, relabelled).provenance().dataFingerprint()).isNotEqualTo(inMemory);
        DataSet moved = data.copy();
        moved.getFeatures().putScalar(0, 0, moved.getFeatures().getFloat(0, 0) + 1);
        assertThat(analyse(net, moved).provenance().dataFingerprint()).isNotEqualTo(inMemory);
    }

    @Test
    void a_classifier_of_ones_own_has_no_model_fingerprint_but_its_data_has() {
        DataSet data = ModelAnalysisTest.data(30);
        Classifier uniform = features -> Nd4j.ones(DataType.FLOAT, features.size(0), 3).divi(3);

        Provenance p = ErrorAnalysis.of(uniform, data, AnalysisOptions.defaults().quietly()).provenance();

        assertThat(p.modelFingerprint()).isEqualTo(Provenance.UNKNOWN);
        assertThat(p.model()).isEqualTo(Provenance.UNKNOWN);
        assertThat(p.dataFingerprint()).isEqualTo(Fingerprints.ofData(data.getFeatures(), data.getLabels()));
    }

    @Test
    void predictions_made_elsewhere_are_fingerprinted_by_their_probabilities_and_labels() {
        INDArray probabilities = Nd4j.createFromArray(new float[][] {{0.7f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.6f}});
        ErrorAnalysis a = ErrorAnalysis.fromPredictions(probabilities, new int[] {0, 1}, NAMES);

        Provenance p = a.provenance();

        assertThat(p.dataFingerprint()).matches(SHA256)
                .isEqualTo(Fingerprints.ofPredictions(new float[] {0.7f, 0.2f, 0.1f, 0.1f, 0.3f, 0.6f}, new int[] {0, 1}))
                .isNotEqualTo(ErrorAnalysis.fromPredictions(probabilities, new int[] {0, 2}, NAMES).provenance()
                        .dataFingerprint());
        assertThat(p.model()).isEqualTo(Provenance.UNKNOWN);
        assertThat(p.modelFingerprint()).isEqualTo(Provenance.UNKNOWN);
        assertThat(p.libraryVersion()).isEqualTo(Provenance.currentLibraryVersion());
        assertThat(a.provenance()).isSameAs(p);
    }

    @Test
    void predictions_read_from_files_are_fingerprinted_by_the_files_bytes_as_cat_and_sha256sum(@TempDir Path dir)
            throws Exception {
        Path probabilities = Files.writeString(dir.resolve("p.csv"), "cat,dog,bird\n0.7,0.2,0.1\n0.1,0.3,0.6\n");
        Path labels = Files.writeString(dir.resolve("y.csv"), "0\n2\n");

        Provenance p = ErrorAnalysis.fromCsv(probabilities, labels, NAMES).provenance();

        byte[] both = (Files.readString(probabilities) + Files.readString(labels)).getBytes(StandardCharsets.UTF_8);
        assertThat(p.dataFingerprint()).isEqualTo(Fingerprints.ofBytes(both))
                .isEqualTo(Fingerprints.ofFiles(probabilities, labels))
                .isEqualTo("sha256:" + sha256sum("sh", "-c", "cat \"$0\" \"$1\" | sha256sum", probabilities.toString(),
                        labels.toString()));
        assertThat(p.dataSource()).contains(probabilities.toString(), labels.toString());
    }

    @Test
    void a_file_fingerprint_matches_sha256sum_and_the_standard_test_vector(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.zip");
        byte[] bytes = new byte[100_000];
        new java.util.SplittableRandom(3).nextBytes(bytes);
        Files.write(model, bytes);

        assertThat(Fingerprints.ofFile(model)).isEqualTo("sha256:" + sha256sum("sha256sum", model.toString()))
                .isEqualTo(Fingerprints.ofStream(new ByteArrayInputStream(bytes))).isEqualTo(Fingerprints.ofBytes(bytes));
        // FIPS 180-2, appendix B.1
        assertThat(Fingerprints.ofBytes("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void the_library_version_is_the_project_version_never_unknown() throws Exception {
        // the version this module's pom inherits from the parent, read from the pom itself
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(parent.find()).isTrue();

        assertThat(Provenance.currentLibraryVersion()).isEqualTo(parent.group(1)).isNotEqualTo(Provenance.UNKNOWN)
                .doesNotContain("${");
        assertThat(Provenance.current(7).libraryVersion()).isEqualTo(parent.group(1));
    }

    @Test
    void with_provenance_shares_the_data_and_is_equal_by_data() {
        ErrorAnalysis a = analyse(ModelAnalysisTest.network(), ModelAnalysisTest.data(30));
        Provenance said = new Provenance("models/baseline.zip", "sha256:0123abcd", "test batch", "sha256:89ef",
                "1.2.3", Instant.parse("2026-01-02T03:04:05Z"), 9);

        ErrorAnalysis b = a.withProvenance(said);

        assertThat(b.provenance()).isEqualTo(said);
        assertThat(a.provenance()).isNotEqualTo(said);
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(b.accuracy()).isEqualTo(a.accuracy());
        assertThat(b.confusion()).isEqualTo(a.confusion());
        assertThat(b.wrong().indexes()).isEqualTo(a.wrong().indexes());
        assertThatThrownBy(() -> a.withProvenance(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void the_with_methods_change_one_part_only() {
        Provenance p = Provenance.current(5);

        Provenance q = p.withModel("m.zip", "sha256:aa").withData("d.tar.gz", "sha256:bb").withSeed(6);

        assertThat(q).isEqualTo(new Provenance("m.zip", "sha256:aa", "d.tar.gz", "sha256:bb", p.libraryVersion(),
                p.date(), 6));
        assertThat(p.model()).isEqualTo(Provenance.UNKNOWN);
        assertThat(p.seed()).isEqualTo(5);
    }

    private static String sha256sum(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(process.waitFor()).as(printed).isZero();
        return printed.substring(0, 64);
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
