package org.rosebench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinomialTest {

    @Test
    void probabilitiesMatchScipy() {
        // python3 -c "from scipy.stats import binom; [print(repr(x)) for x in list(binom.pmf([0, 3, 10], 10, 0.3))
        //   + list(binom.pmf([3600, 4000], 40000, 0.1))]"
        //   -> 0.0282475249 0.2668279319999998 5.9048999999999975e-06 7.77780586188975e-13 0.006648897947411697
        double[] small = Binomial.pmf(10, 0.3);
        assertEquals(0.0282475249, small[0], 1e-15);
        assertEquals(0.2668279319999998, small[3], 1e-15);
        assertEquals(5.9048999999999975e-06, small[10], 1e-19);
        double[] large = Binomial.pmf(40_000, 0.1);
        assertEquals(7.77780586188975e-13, large[3600], 1e-22);
        assertEquals(0.006648897947411697, large[4000], 1e-13);
    }

    @Test
    void drawsHaveTheRightMeanAndVariance() {
        // Binomial(1000, p): mean 1000p, variance 1000p(1 − p) = 90 for p = 0.1 and 0.9
        for (double p : new double[] {0.1, 0.9}) {
            Binomial binomial = new Binomial(1000, p);
            SplittableRandom random = new SplittableRandom(3);
            int draws = 20_000;
            double sum = 0;
            double sumSq = 0;
            for (int i = 0; i < draws; i++) {
                int k = binomial.draw(random);
                sum += k;
                sumSq += (double) k * k;
            }
            double mean = sum / draws;
            assertEquals(1000 * p, mean, 0.3, "p " + p); // standard error sqrt(90 / 20000) = 0.067
            assertEquals(90, sumSq / draws - mean * mean, 4, "p " + p);
        }
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(1000, new Binomial(1000, 1.0).draw(random));
        assertEquals(0, new Binomial(1000, 0.0).draw(random));
        assertEquals(0, new Binomial(0, 0.5).draw(random));
    }
}
