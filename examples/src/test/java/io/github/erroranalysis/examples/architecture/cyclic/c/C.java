package io.github.erroranalysis.examples.architecture.cyclic.c;

/** Imports package a, which never imports this one back: no cycle. */
public final class C {

    io.github.erroranalysis.examples.architecture.cyclic.a.A a;

    private C() {
    }
}
