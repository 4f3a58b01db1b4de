/**
 * The 19 corruptions of CIFAR-10-C (Hendrycks and Dietterich, ICLR 2019) as pure functions of (image, severity,
 * seed) on 32×32 RGB bytes, with the reference's parameters ({@code make_cifar_c.py} of {@code hendrycks/robustness})
 * for each severity; this package needs neither ND4J nor a model.
 */
package io.github.erroranalysis.corruption;
