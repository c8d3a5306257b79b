package org.rosebench.attacks.spi;

/**
 * One vocabulary entry predicted at a masked position.
 *
 * @param id          vocabulary id
 * @param token       the vocabulary string, sub-word markers included (e.g. {@code ##ing})
 * @param probability softmax probability over the whole vocabulary
 */
public record RankedToken(int id, String token, float probability) {
}
