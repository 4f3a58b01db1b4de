package io.github.erroranalysis.gate;

/** What a quality gate measures; each has its JSON name and is read from the analysis's statistics. */
public enum GateMetric {

    /** Overall accuracy, with its Wilson interval. */
    ACCURACY("accuracy"),
    /** One class's accuracy (its recall), with its Wilson interval. */
    CLASS_ACCURACY("classAccuracy"),
    /** The expected calibration error (15 equal-width confidence bins), with its bootstrap interval. */
    EXPECTED_CALIBRATION_ERROR("ece");

    private final String key;

    GateMetric(String key) {
        this.key = key;
    }

    /**
     * Gives the metric's name in JSON: {@code accuracy}, {@code classAccuracy} or {@code ece}.
     *
     * @return the JSON name
     */
    public String key() {
        return key;
    }

    /**
     * Tells whether the metric is of one class, so that a gate on it names the class.
     *
     * @return whether a class name is needed
     */
    public boolean perClass() {
        return this == CLASS_ACCURACY;
    }

    /**
     * Names the metric for people: {@code "accuracy"}, {@code "accuracy of class cat"} or {@code "expected
     * calibration error"}.
     *
     * @param className the class of a per-class metric, ignored otherwise
     * @return the words
     */
    public String describe(String className) {
        return switch (this) {
            case ACCURACY -> "accuracy";
            case CLASS_ACCURACY -> "accuracy of class " + className;
            case EXPECTED_CALIBRATION_ERROR -> "expected calibration error";
        };
    }
}
