/**
 * The baseline CNN for CIFAR-10 (the course's Stage 4–5 network) and its improved, augmented sibling (Stage 8):
 * training with history, on-the-fly augmentation, saved model files, top-3 inference (Stage 9) and the trained models
 * bundled with the project ({@link io.github.erroranalysis.cifar.model.BundledModels}).
 */
package io.github.erroranalysis.cifar.model;
