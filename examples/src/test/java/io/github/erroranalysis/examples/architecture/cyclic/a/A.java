package io.github.erroranalysis.examples.architecture.cyclic.a;

/** Imports package b, which imports this one back. */
public final class A {

    io.github.erroranalysis.examples.architecture.cyclic.b.B b;

    private A() {
    }
}
