package io.github.threadpool.sample;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Splits a number into its prime factors: trial division by small primes, then Pollard's rho with a
 * probable-prime test. CPU work worth a thread pool, for numbers up to {@link #MAX}.
 */
final class Factorizer {

  /** The largest number accepted: 10^18. */
  static final long MAX = 1_000_000_000_000_000_000L;

  private static final int SMALL_PRIME_LIMIT = 1_000;

  private Factorizer() {}

  /**
   * Returns the prime factors of {@code n} in ascending order, repeated by multiplicity.
   *
   * @throws IllegalArgumentException if {@code n} is not in {@code 2..}{@link #MAX}
   */
  static List<Long> factorize(long n) {
    if (n < 2 || n > MAX) {
      throw new IllegalArgumentException("n must be between 2 and " + MAX + ", was " + n);
    }
    List<Long> factors = new ArrayList<>();
    long rest = n;
    for (long p = 2; p < SMALL_PRIME_LIMIT && p * p <= rest; p += p == 2 ? 1 : 2) {
      while (rest % p == 0) {
        factors.add(p);
        rest /= p;
      }
    }
    if (rest > 1) {
      splitLarge(rest, factors);
    }
    Collections.sort(factors);
    return factors;
  }

  private static void splitLarge(long n, List<Long> factors) {
    if (n == 1) {
      return;
    }
    if (BigInteger.valueOf(n).isProbablePrime(50)) {
      factors.add(n);
      return;
    }
    long divisor = rho(n);
    splitLarge(divisor, factors);
    splitLarge(n / divisor, factors);
  }

  /** Returns a non-trivial divisor of the odd composite {@code n}. */
  private static long rho(long n) {
    BigInteger modulus = BigInteger.valueOf(n);
    for (long c = 1; ; c++) {
      BigInteger increment = BigInteger.valueOf(c);
      BigInteger x = BigInteger.TWO;
      BigInteger y = x;
      long divisor = 1;
      while (divisor == 1) {
        x = x.multiply(x).add(increment).mod(modulus);
        y = y.multiply(y).add(increment).mod(modulus);
        y = y.multiply(y).add(increment).mod(modulus);
        divisor = x.subtract(y).abs().gcd(modulus).longValueExact();
      }
      if (divisor != n) {
        return divisor;
      }
    }
  }
}
