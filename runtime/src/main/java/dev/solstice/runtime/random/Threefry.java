package dev.solstice.runtime.random;

/**
 * The Threefry-2x32 block cipher (20 rounds) that JAX's default PRNG is built on, and the two
 * ways JAX feeds it counters with {@code jax_threefry_partitionable=True}: a key's {@code n}
 * children and its first {@code n} random words both hash the 64-bit counters {@code 0 .. n-1}
 * (high word 0, low word the index).
 *
 * <p>All values are uint32 held in Java {@code int}s; Java's wrapping int arithmetic is exactly
 * uint32 arithmetic for addition, xor and rotation.
 */
final class Threefry {
  private static final int PARITY = 0x1BD11BDA;

  private Threefry() {}

  /**
   * Writes the {@code n} child keys of key {@code (k0, k1)} to {@code out} as word pairs, starting
   * at {@code out[at]}: child {@code i} is the cipher of counter {@code (0, i)}.
   */
  static void split(int k0, int k1, int n, int[] out, int at) {
    for (int i = 0; i < n; i++) {
      long block = encrypt(k0, k1, 0, i);
      out[at + 2 * i] = (int) (block >>> 32);
      out[at + 2 * i + 1] = (int) block;
    }
  }

  /**
   * Writes {@code n} random 32-bit words of key {@code (k0, k1)} to {@code out[at ..]}: word
   * {@code i} is the xor of the two halves of the cipher of counter {@code (0, i)}.
   */
  static void bits(int k0, int k1, int n, int[] out, int at) {
    for (int i = 0; i < n; i++) {
      long block = encrypt(k0, k1, 0, i);
      out[at + i] = (int) (block >>> 32) ^ (int) block;
    }
  }

  /**
   * Encrypts the block {@code (x0, x1)} under key {@code (k0, k1)}; returns the first output word
   * in the high and the second in the low 32 bits.
   */
  static long encrypt(int k0, int k1, int x0, int x1) {
    int k2 = k0 ^ k1 ^ PARITY;
    x0 += k0;
    x1 += k1;

    x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
    x0 += k1;
    x1 += k2 + 1;

    x0 += x1; x1 = Integer.rotateLeft(x1, 17) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 29) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 16) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 24) ^ x0;
    x0 += k2;
    x1 += k0 + 2;

    x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
    x0 += k0;
    x1 += k1 + 3;

    x0 += x1; x1 = Integer.rotateLeft(x1, 17) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 29) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 16) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 24) ^ x0;
    x0 += k1;
    x1 += k2 + 4;

    x0 += x1; x1 = Integer.rotateLeft(x1, 13) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 15) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 26) ^ x0;
    x0 += x1; x1 = Integer.rotateLeft(x1, 6) ^ x0;
    x0 += k2;
    x1 += k0 + 5;

    return ((long) x0 << 32) | (x1 & 0xFFFFFFFFL);
  }
}
