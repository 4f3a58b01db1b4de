package io.github.erroranalysis;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Precision, recall and F1 per class, with their macro average (unweighted mean over classes) and weighted
 * average (weighted by support), computed from the confusion matrix (rows true, columns predicted).
 *
 * <p>Undefined values are NaN and, as in scikit-learn's {@code precision_recall_fscore_support(...,
 * zero_division=np.nan)} (scikit-learn 1.3 or later), are left out of the averages.
 *
 * @param perClass the scores of each class, in class order
 * @param macro the unweighted mean over classes of each defined score
 * @param weighted the support-weighted mean over classes of each defined score
 */
public record PrecisionRecallF1(List<ClassScores> perClass, AverageScores macro, AverageScores weighted) {

    /**
     * Copies the list of per-class scores.
     *
     * @param perClass the scores of each class
     * @param macro the macro averages
     * @param weighted the weighted averages
     */
    public PrecisionRecallF1 {
        perClass = List.copyOf(perClass);
    }

    /**
     * Lists one line per class, then the averages.
     *
     * @return a multi-line table for people
     */
    @Override
    public String toString() {
        return perClass.stream().map(ClassScores::toString).collect(Collectors.joining("\n", "", "\n"))
                + "macro " + macro + "\nweighted " + weighted;
    }
}
