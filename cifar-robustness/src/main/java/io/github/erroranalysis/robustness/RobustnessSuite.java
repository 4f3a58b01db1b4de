package io.github.erroranalysis.robustness;

import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.cifar.model.ModelFileException;
import io.github.erroranalysis.corruption.Corruption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one or two models on a data set under every chosen (corruption, severity): each corrupted copy is made once
 * in memory (in parallel over images) and predicted by every model, so two models see the very same images.
 */
public final class RobustnessSuite {

    /**
     * What to run.
     *
     * @param corruptions the corruptions, in the order to report
     * @param severities the severities, ascending, each 1 to 5
     * @param seed the seed of every random corruption (recorded in provenance)
     */
    public record Settings(List<Corruption> corruptions, List<Integer> severities, long seed) {

        /** Every corruption at every severity, seed 0. */
        public static final Settings ALL = new Settings(List.of(Corruption.values()), List.of(1, 2, 3, 4, 5), 0L);
    }

    private RobustnessSuite() {
    }

    /**
     * Measures models under the corruptions.
     *
     * @param models one or more models with the data's class names (the first is {@code --model})
     * @param data the clean examples
     * @param settings what to run
     * @param progress told after each cell (for example {@code "gaussian_noise 3"}); may ignore it
     * @return one study per model, in the models' order, each on the same examples and cells
     * @throws ModelFileException if a model fails to predict
     */
    public static List<Robustness> run(List<CifarModel> models, CifarDataset data, Settings settings,
            Consumer<String> progress) throws ModelFileException {
        throw new UnsupportedOperationException("step 0");
    }
}
