package io.github.erroranalysis.testing;

import io.github.erroranalysis.Metric;
import io.github.erroranalysis.MetricContext;

/**
 * A user's metric with a given name and one value on every context (NaN for one that is never defined), for the
 * tests of names, undefined values and their renderings in every module.
 *
 * @param name the metric's name, as typed (perhaps invalid or null)
 * @param value its value on every context
 */
public record ConstantMetric(String name, double value) implements Metric<Double> {

    /**
     * Gives the value, whatever the context.
     *
     * @param context the analysis
     * @return the value
     */
    @Override
    public Double compute(MetricContext context) {
        return value;
    }
}
