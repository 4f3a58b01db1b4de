package io.github.erroranalysis.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.BundledModels;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.report.ErrorReport;
import io.github.erroranalysis.report.Explanations;
import io.github.erroranalysis.report.SaliencyMap;
import io.github.erroranalysis.report.SanityCheck;
import io.github.erroranalysis.stats.Interval;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check of the evidence on the bundled baseline model and the bundled sample: the saliency maps of the
 * explained mistakes beat random deletion orders (the bootstrap interval of each method's mean faithfulness lies
 * above zero), and the Grad-CAM maps depend on the model's weights (the sanity check passes).
 */
class SaliencyFaithfulnessTest {

    private static Explanations explained;

    @BeforeAll
    static void explain() throws Exception {
        assumeTrue(BundledModels.isAvailable(BundledModels.BASELINE), "the bundled baseline model is not in this build");
        CifarModel model = BundledModels.baseline();
        CifarDataset sample = BundledSample.load();
        ErrorAnalysis analysis = ErrorAnalysis.of(model.network(), model.iterator(sample, 128));
        explained = ErrorReport.builder(analysis).images(CifarEvidence.images(sample))
                .evidence(CifarEvidence.of(model, sample)).build().explanations();
    }

    @Test
    void gradCamAndOcclusionBeatRandomOrderOnTheBundledModel() {
        assertThat(explained.explained()).hasSizeGreaterThan(30);
        for (String method : java.util.List.of(SaliencyMap.GRAD_CAM, SaliencyMap.OCCLUSION)) {
            Interval mean = explained.faithfulness().get(method);
            assertThat(mean).as(method).isNotNull();
            assertThat(mean.lower()).as("%s: mean faithfulness %s", method, mean).isGreaterThan(0.0);
        }
        assertThat(explained.examples().values()).allSatisfy(e -> assertThat(e.saliency())
                .extracting(SaliencyMap::method).contains(SaliencyMap.GRAD_CAM));
        assertThat(explained.examples().values().stream().filter(e -> e.saliency().size() == 2).count())
                .as("the grid mistakes, with an occlusion map too").isGreaterThan(5);
    }

    @Test
    void gradCamMapsOfARandomisedModelDiffer() {
        SanityCheck check = explained.sanityCheck().orElseThrow();
        assertThat(check.examples()).hasSize(8);
        assertThat(check.passes()).as("mean rank correlation %s", check.meanRankCorrelation()).isTrue();
    }
}
