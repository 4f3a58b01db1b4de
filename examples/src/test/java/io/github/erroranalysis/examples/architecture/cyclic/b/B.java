package io.github.erroranalysis.examples.architecture.cyclic.b;

/** Imports package a, which imports this one: the cycle. */
public final class B {

    io.github.erroranalysis.examples.architecture.cyclic.a.A a;

    private B() {
    }
}
