package org.rosebench.attacks.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordCaseTest {

    @Test
    void recoversTextAttackCasePatterns() {
        assertEquals("film", WordCase.recover("Film", "movie"));
        assertEquals("FILM", WordCase.recover("film", "MOVIE"));
        assertEquals("Film", WordCase.recover("fILM", "Movie"));
        // a single capital is neither "UPPERCASE" (needs 2+ chars) nor "Capitalized" ("".islower() is False)
        assertEquals("film", WordCase.recover("film", "A"));
        // mixed case leaves the candidate alone
        assertEquals("film", WordCase.recover("film", "iPhone"));
        assertEquals("Film", WordCase.recover("Film", "McDonald"));
        // digits are uncased: "A1" is upper case
        assertEquals("B2", WordCase.recover("b2", "A1"));
    }
}
