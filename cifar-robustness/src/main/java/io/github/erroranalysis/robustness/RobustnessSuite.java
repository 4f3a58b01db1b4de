package io.github.erroranalysis.robustness;

import io.github.erroranalysis.Bootstrap;
import io.github.erroranalysis.ErrorAnalysis;
import io.github.erroranalysis.Robustness;
import io.github.erroranalysis.RobustnessCell;
import io.github.erroranalysis.cifar.data.CifarDataset;
import io.github.erroranalysis.cifar.data.Origin;
import io.github.erroranalysis.cifar.model.CifarModel;
import io.github.erroranalysis.cifar.model.ModelFileException;
import io.github.erroranalysis.corruption.CorruptedData;
import io.github.erroranalysis.corruption.Corruption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
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

        /**
         * Checks and copies the components.
         *
         * @param corruptions the corruptions, at least one, none twice
         * @param severities the severities, at least one, strictly ascending, each 1 to 5
         * @param seed the seed
         * @throws IllegalArgumentException naming the corruption or severity at fault
         */
        public Settings {
            corruptions = List.copyOf(corruptions);
            severities = List.copyOf(severities);
            if (corruptions.isEmpty()) {
                throw new IllegalArgumentException("a robustness run needs at least one corruption");
            }
            if (severities.isEmpty()) {
                throw new IllegalArgumentException("a robustness run needs at least one severity");
            }
            if (new HashSet<>(corruptions).size() != corruptions.size()) {
                throw new IllegalArgumentException("a corruption is given twice in " + corruptions);
            }
            for (int k = 0; k < severities.size(); k++) {
                Corruption.checkSeverity(severities.get(k));
                if (k > 0 && severities.get(k) <= severities.get(k - 1)) {
                    throw new IllegalArgumentException("the severities must be ascending, each once, but are "
                            + severities);
                }
            }
        }

        /**
         * Gives the same settings with another seed.
         *
         * @param newSeed the seed of every random corruption
         * @return the settings
         */
        public Settings withSeed(long newSeed) {
            return new Settings(corruptions, severities, newSeed);
        }

        /**
         * Gives the number of cells: corruptions times severities.
         *
         * @return the cells a run makes
         */
        public int cells() {
            return corruptions.size() * severities.size();
        }
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
        List<CifarModel> list = List.copyOf(models);
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(progress, "progress");
        if (list.isEmpty()) {
            throw new IllegalArgumentException("a robustness run needs at least one model");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("a robustness run needs at least one image, but the data set is empty");
        }
        List<String> origins = data.origins().stream().map(Origin::toString).toList();
        List<ErrorAnalysis> clean = new ArrayList<>(list.size());
        List<List<RobustnessCell>> cells = new ArrayList<>(list.size());
        for (CifarModel model : list) {
            clean.add(analyse(model, data, origins));
            cells.add(new ArrayList<>(settings.cells()));
        }
        for (Corruption corruption : settings.corruptions()) {
            for (int severity : settings.severities()) {
                CifarDataset corrupted = CorruptedData.corrupt(data, corruption, severity, settings.seed());
                for (int m = 0; m < list.size(); m++) {
                    cells.get(m).add(new RobustnessCell(corruption.id(), severity, corruption.standard(),
                            analyse(list.get(m), corrupted, origins)));
                }
                progress.accept(corruption.id() + " " + severity);
            }
        }
        List<Robustness> out = new ArrayList<>(list.size());
        for (int m = 0; m < list.size(); m++) {
            out.add(Robustness.of(clean.get(m), cells.get(m), settings.seed(), Bootstrap.defaults()));
        }
        return List.copyOf(out);
    }

    /** One model's analysis of one data set, with its examples' origins (as the CLI's analyze keeps them). */
    private static ErrorAnalysis analyse(CifarModel model, CifarDataset data, List<String> origins)
            throws ModelFileException {
        return ErrorAnalysis.fromPredictions(model.predict(data), data.labels(), data.classNames())
                .withOrigins(origins);
    }
}
