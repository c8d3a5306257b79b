/**
 * Lexical resources of the word-level attacks, in plain Java (no DJL), all from Maven Central:
 * <ul>
 *   <li>{@link org.rosebench.attacks.lexicon.WordNetSynonyms}: WordNet 3.0 (extJWNL) as NLTK shows it to PWWS
 *       (morphy, part-of-speech and sense order), plus the synonym and antonym pairs of counter-fitting;</li>
 *   <li>{@link org.rosebench.attacks.lexicon.OpenNlpPosTagger}: OpenNLP's UD English-EWT tagger, tags mapped to
 *       NLTK's universal set, TextAttack's 4-before/3-after window;</li>
 *   <li>{@link org.rosebench.attacks.lexicon.WordVectors}: NLP4J's 50-d vectors restricted to a WordNet-backed
 *       vocabulary of 91,953 words, or any text vector file (TextFooler's own);</li>
 *   <li>{@link org.rosebench.attacks.lexicon.CounterFitting}: Mrkšić et al. (2016) with the paper's
 *       hyper-parameters;</li>
 *   <li>{@link org.rosebench.attacks.lexicon.NearestNeighbours}: the 50-nearest-neighbour table (blocked,
 *       vectorised dot products, cached);</li>
 *   <li>{@link org.rosebench.attacks.lexicon.CounterFittedSpace}: the whole TextFooler space, cached stage by stage in
 *       {@code <rose cache>/lexicon/}.</li>
 * </ul>
 * Worker threads: all cores, or {@code -Drose.lexicon.threads=N}. Progress bars go to stderr unless
 * {@code -Drose.progress=false}; one summary line per expensive stage is always printed to stderr.
 */
package org.rosebench.attacks.lexicon;
