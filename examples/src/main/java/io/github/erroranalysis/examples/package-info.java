/**
 * Runnable programs that show the library at work, one per course stage ({@code Stage7ErrorAnalysis},
 * {@code CompareAugmentation}, {@code PredictTop3}, {@code EmbedInYourApp}), the bundled sample of real CIFAR-10
 * validation images that the main job analyses, and the program that made it.
 */
package io.github.erroranalysis.examples;
