package io.github.erroranalysis;

/** The built-in metrics, each a small class over the shared context of an analysis (REDESIGN: helper A fills). */
public final class Metrics {

    private Metrics() {
    }
}
