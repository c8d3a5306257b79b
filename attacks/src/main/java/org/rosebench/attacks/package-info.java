/**
 * TextAttack-style adversarial attacks (docs/attacks.md): an {@link org.rosebench.attacks.Attack} is a goal
 * function ({@code goal}) + pre-transformation constraints and constraints ({@code constraint}) + a
 * transformation ({@code transform}) + a search method ({@code search}), over texts segmented as TextAttack
 * does ({@code text}). Recipes ({@code recipe}, {@link org.rosebench.attacks.Recipes}) compose the published
 * attacks; {@link org.rosebench.attacks.AttackRunner} runs many examples and writes results ({@code io});
 * {@link org.rosebench.attacks.AttackSummary} computes TextAttack's metrics.
 *
 * <p>Models and lexical resources are reached only through the small interfaces in {@code spi} (victim,
 * sentence embedder, masked LM, neighbour index, word-embedding space, synonym source, POS tagger), so the
 * framework has no DJL type in its API.
 */
package org.rosebench.attacks;
