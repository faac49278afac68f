package dev.drover.template;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Python's {@code random.Random(seed)} for a text seed, as far as {@code choice()} needs it: the
 * Mersenne Twister (MT19937) seeded by CPython's version-2 rule (the seed's UTF-8 bytes followed by
 * their SHA-512, read as a big-endian integer, fed to {@code init_by_array} in 32-bit words, least
 * significant first), and {@code _randbelow} by rejection over {@code getrandbits}. Ansible's password
 * lookup with {@code seed=} draws from it, so the same seed gives the same password under both tools.
 *
 * <p>Not thread-safe: one instance per draw.
 */
final class PyRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int mti;

    PyRandom(String seed) {
        this(textSeed(seed));
    }

    /** {@code random.Random(n)} for an int: the absolute value's 32-bit words, least significant first. */
    PyRandom(BigInteger seed) {
        BigInteger n = seed.abs();
        int words = Math.max(1, (n.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = n.shiftRight(32 * i).intValue();
        }
        initByArray(key);
    }

    private static BigInteger textSeed(String seed) {
        byte[] text = seed.getBytes(StandardCharsets.UTF_8);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-512").digest(text);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-512", e);
        }
        byte[] all = new byte[text.length + digest.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(digest, 0, all, text.length, digest.length);
        return new BigInteger(1, all);
    }

    /** {@code random.randrange(start, stop, step)} for a positive step and a non-empty range. */
    long randrange(long start, long stop, long step) {
        long n = (stop - start + step - 1) / step;
        if (n <= 0) {
            throw new TemplateFailure("empty range for randrange() (" + start + ", " + stop + ", " + n + ")");
        }
        return start + step * randBelow((int) Math.min(n, Integer.MAX_VALUE));
    }

    /** {@code random.shuffle(items)}, in place. */
    void shuffle(java.util.List<Object> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            java.util.Collections.swap(items, i, randBelow(i + 1));
        }
    }

    /** {@code random.choice(chars)}. */
    char choice(String chars) {
        return chars.charAt(randBelow(chars.length()));
    }

    /** {@code random._randbelow(n)}: 0 to n - 1. */
    int randBelow(int n) {
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getRandBits(k);
        while (r >= n) {
            r = getRandBits(k);
        }
        return (int) r;
    }

    /** For k of 32 bits at most, as CPython's {@code getrandbits}. */
    private long getRandBits(int k) {
        return (next() & 0xFFFFFFFFL) >>> (32 - k);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    private int next() {
        if (mti >= N) {
            int kk;
            for (kk = 0; kk < N - M; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            for (; kk < N - 1; kk++) {
                int y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
            mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }
}
