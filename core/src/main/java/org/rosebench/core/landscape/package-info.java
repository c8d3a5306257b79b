/**
 * Loss-landscape analysis around fine-tuned weights (docs/landscape.md): the loss along filter-normalised random
 * directions (Li et al., 2018, "Visualizing the Loss Landscape of Neural Nets"), the mean loss increase at a few
 * radii, and ε-sharpness (Keskar et al., 2017, "On Large-Batch Training for Deep Learning").
 *
 * <p>{@link org.rosebench.core.landscape.LandscapeAnalysis} works on any
 * {@link org.rosebench.core.landscape.LossFunction} (a loss of the tensors of a {@link org.rosebench.core.model.Weights});
 * {@link org.rosebench.core.landscape.ClassifierLoss} is the evaluator's mean cross-entropy of a classifier on fixed
 * examples. Perturbed tensors are swapped in for the originals and the originals swapped back
 * ({@link org.rosebench.core.landscape.WeightSwap}), so the model is restored bit for bit.
 */
package org.rosebench.core.landscape;
