package dev.solstice.runtime.random;

import dev.solstice.runtime.Batchable;
import dev.solstice.runtime.DType;
import dev.solstice.runtime.Tensor;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * A PRNG key: JAX's default generator (threefry2x32 with {@code jax_threefry_partitionable}),
 * bit-exact with {@code jax.random} 0.10.2 in float32.
 *
 * <p>Like a JAX key it is an immutable value that is split, never advanced: draw once per key and
 * {@link #split} for more randomness. {@code Key.of(42).uniform(3)} equals
 * {@code jax.random.uniform(jax.random.key(42), (3,))}.
 *
 * <p>A key is held as its raw data, an int32 tensor of shape {@code [...keys, 2]} (two uint32
 * words per key). A <em>key array</em> (for example from {@link #splitArray}) has a non-empty
 * key shape and behaves as a batch of keys under {@code jax.vmap}: every operation applies to
 * each key, and a draw of shape {@code s} from keys of shape {@code k} has shape {@code k + s}.
 *
 * <p>Keys are {@link Batchable}: {@code vmap.in("key", keys, 0)} maps a key array's first axis
 * over a {@link dev.solstice.runtime.Batching} level, and inside it the key behaves as one key per
 * sample. Each draw still runs once, over all samples' keys, and carries the batch on.
 */
public final class Key implements Batchable<Key> {
  private final Tensor data;
  private final int[] keyShape;

  private Key(Tensor data) {
    this.data = data;
    int[] shape = data.shape();
    this.keyShape = Arrays.copyOf(shape, shape.length - 1);
  }

  /**
   * {@code jax.random.key(seed)}. JAX (without {@code jax_enable_x64}) keeps the low 32 bits of
   * the seed, so the key data is {@code [0, seed mod 2^32]}: seeds {@code 2^32 + 5} and {@code 5}
   * give the same key, and {@code -1} gives {@code [0, 0xFFFFFFFF]}.
   */
  public static Key of(long seed) {
    return new Key(Tensor.ofInts(new int[] {0, (int) seed}, 2));
  }

  /**
   * {@code jax.random.wrap_key_data}: a key (array) from raw data, an int32 tensor of shape
   * {@code [...keys, 2]} holding uint32 words, as returned by {@link #keyData()}.
   */
  public static Key wrap(Tensor keyData) {
    int[] shape = keyData.shape();
    if (keyData.dtype() != DType.INT32 || shape.length == 0 || shape[shape.length - 1] != 2) {
      throw new IllegalArgumentException(
          "Key.wrap expects int32 key data of shape [..., 2], found "
              + keyData.dtype() + " " + Arrays.toString(shape));
    }
    return new Key(keyData);
  }

  /** {@code jax.random.key_data}: the raw words, an int32 tensor of shape {@code [...keys, 2]}. */
  public Tensor keyData() {
    return data;
  }

  /** This key over {@code f} of its key data; how {@code Batching.in} and {@code out} map keys. */
  @Override
  public Key mapTensors(UnaryOperator<Tensor> f) {
    return wrap(f.apply(data));
  }

  /** The key shape: {@code []} for a single key, {@code [n]} for an array of {@code n} keys. */
  public int[] shape() {
    return keyShape.clone();
  }

  /** The {@code index}-th key along the first axis of a key array ({@code keys[index]}). */
  public Key get(int index) {
    if (keyShape.length == 0) {
      throw new IllegalStateException("get(" + index + ") needs a key array; this is a single key");
    }
    if (index < 0 || index >= keyShape[0]) {
      throw new IndexOutOfBoundsException(
          "key index " + index + " out of range for key array of shape " + Arrays.toString(keyShape));
    }
    int count = keyShape[0];
    int block = 2 * (sizeOf(keyShape) / count); // the words of keys[index] in one sample
    int[] words = words();
    int[] out = new int[words.length / count];
    for (int to = 0, from = index * block; to < out.length; to += block, from += count * block) {
      System.arraycopy(words, from, out, to, block);
    }
    return key(out, Arrays.copyOfRange(keyShape, 1, keyShape.length));
  }

  /**
   * {@code jax.random.split(key, n)}: {@code n} new independent keys. Of a key array, child
   * {@code i} is the array of every key's {@code i}-th child (what each sample sees under vmap).
   */
  public Key[] split(int n) {
    checkCount("split", n);
    int[] children = children(n);
    int keys = keyCount();
    Key[] out = new Key[n];
    for (int i = 0; i < n; i++) {
      int[] words = new int[2 * keys];
      for (int k = 0; k < keys; k++) {
        words[2 * k] = children[2 * (k * n + i)];
        words[2 * k + 1] = children[2 * (k * n + i) + 1];
      }
      out[i] = key(words, keyShape);
    }
    return out;
  }

  /** {@code jax.random.split(key, n)} as one key array of shape {@code [n]} (per key: {@code [...keys, n]}). */
  public Key splitArray(int n) {
    checkCount("splitArray", n);
    return key(children(n), append(keyShape, n));
  }

  /** {@code jax.random.fold_in(key, data)}; {@code data} is read as uint32 (so -1 means 2^32 - 1). */
  public Key foldIn(int data) {
    int[] words = words();
    int[] out = new int[words.length];
    for (int k = 0; k < words.length; k += 2) {
      long block = Threefry.encrypt(words[k], words[k + 1], 0, data);
      out[k] = (int) (block >>> 32);
      out[k + 1] = (int) block;
    }
    return key(out, keyShape);
  }

  /** {@code jax.random.bits(key, shape)}: uint32 words, returned in an int32 tensor. */
  public Tensor bits(int... shape) {
    return Tensor.ofPhysicalInts(rawBits(shape), data.batchAxes(), drawShape(shape));
  }

  /** {@code jax.random.uniform(key, shape)}: float32 in {@code [0, 1)}. */
  public Tensor uniform(int... shape) {
    return uniform(0f, 1f, shape);
  }

  /** {@code jax.random.uniform(key, shape, minval=min, maxval=max)}: float32 in {@code [min, max)}. */
  public Tensor uniform(float min, float max, int... shape) {
    return Tensor.ofPhysical(Distributions.uniform(rawBits(shape), min, max), data.batchAxes(), drawShape(shape));
  }

  /** {@code jax.random.normal(key, shape)}: standard normal float32. */
  public Tensor normal(int... shape) {
    return Tensor.ofPhysical(Distributions.normal(rawBits(shape)), data.batchAxes(), drawShape(shape));
  }

  /**
   * {@code jax.random.bernoulli(key, p, shape)} (mode "low"): a bool tensor, true where a unit
   * uniform draw is below {@code p}.
   */
  public Tensor bernoulli(float p, int... shape) {
    return uniform(shape).lt(p);
  }

  /**
   * {@code jax.random.randint(key, shape, min, max)}: int32 in {@code [min, max)}, {@code min}
   * when the range is empty. Like JAX it draws two words per value from the two halves of
   * {@code split(2)} and is biased when {@code max - min} is not a power of two.
   */
  public Tensor randint(int min, int max, int... shape) {
    Key[] halves = split(2);
    int[] values = Distributions.randint(halves[0].rawBits(shape), halves[1].rawBits(shape), min, max);
    return Tensor.ofPhysicalInts(values, data.batchAxes(), drawShape(shape));
  }

  /**
   * {@code jax.random.permutation(key, n)}: a random order of {@code 0 .. n-1} (int32).
   *
   * <p>JAX's sort-based shuffle: {@code ceil(3 ln n / ln(2^32 - 1))} rounds (one for
   * {@code n <= 1625}), each splitting the key into (next key, subkey) and stably sorting by
   * fresh uint32 words drawn from the subkey.
   */
  public Tensor permutation(int n) {
    checkCount("permutation", n);
    int keys = keyCount();
    int[] values = new int[keys * n];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % n;
    }
    Key key = this;
    int rounds = shuffleRounds(n);
    for (int round = 0; round < rounds; round++) {
      Key[] next = key.split(2);
      key = next[0];
      int[] sortKeys = next[1].rawBits(n);
      for (int k = 0; k < keys; k++) {
        sortByUnsignedKeys(sortKeys, values, k * n, n);
      }
    }
    return Tensor.ofPhysicalInts(values, data.batchAxes(), drawShape(n));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Key
        && data.batchAxes() == ((Key) other).data.batchAxes()
        && Arrays.equals(data.physicalShape(), ((Key) other).data.physicalShape())
        && Arrays.equals(words(), ((Key) other).words());
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data.physicalShape()) + Arrays.hashCode(words());
  }

  @Override
  public String toString() {
    if (keyShape.length == 0 && data.batchAxes() == 0) {
      int[] words = words();
      return "Key[" + Integer.toUnsignedString(words[0]) + ", " + Integer.toUnsignedString(words[1]) + "]";
    }
    String batch = data.batchAxes() == 0 ? "" : " batched " + Arrays.toString(batchShape());
    return "Key array " + Arrays.toString(keyShape) + batch;
  }

  static int shuffleRounds(int n) {
    double uint32Max = 4294967295.0;
    return (int) Math.ceil(3 * Math.log(Math.max(1, n)) / Math.log(uint32Max));
  }

  /** Children of every key, laid out {@code [...batch, ...keys, n, 2]}. */
  private int[] children(int n) {
    int[] words = words();
    int[] out = new int[Math.multiplyExact(words.length, n)];
    for (int k = 0; k < words.length; k += 2) {
      Threefry.split(words[k], words[k + 1], n, out, k * n);
    }
    return out;
  }

  /** Random words of every key, laid out {@code [...batch, ...keys, ...shape]}. */
  private int[] rawBits(int... shape) {
    int size = sizeOf(shape);
    int[] words = words();
    int[] out = new int[Math.multiplyExact(keyCount(), size)];
    for (int k = 0; k < words.length; k += 2) {
      Threefry.bits(words[k], words[k + 1], size, out, k / 2 * size);
    }
    return out;
  }

  /**
   * The words of every key of every sample: inside a batching level the key data carries hidden
   * leading batch axes, and each draw covers all of them at once.
   */
  private int[] words() {
    return data.physicalInts();
  }

  /** The number of keys held, over all samples. */
  private int keyCount() {
    return sizeOf(data.physicalShape()) / 2;
  }

  /** The sizes of the hidden batch axes of the key data (1 where it does not vary). */
  private int[] batchShape() {
    return Arrays.copyOf(data.physicalShape(), data.batchAxes());
  }

  /** A key with this key's batch axes over {@code words}, laid out {@code [...batch, ...keys, 2]}. */
  private Key key(int[] words, int[] keys) {
    return new Key(Tensor.ofPhysicalInts(words, data.batchAxes(), append(concat(batchShape(), keys), 2)));
  }

  /** The physical shape of a draw of {@code shape}: {@code [...batch, ...keys, ...shape]}. */
  private int[] drawShape(int... shape) {
    return concat(concat(batchShape(), keyShape), shape);
  }

  /** Stable sort of {@code values[from .. from+n)} by the uint32 {@code sortKeys} at the same places. */
  private static void sortByUnsignedKeys(int[] sortKeys, int[] values, int from, int n) {
    long[] keyed = new long[n];
    for (int i = 0; i < n; i++) {
      // Flipping the sign bit makes signed order unsigned order; the position in the low word
      // breaks ties, which keeps the sort stable.
      keyed[i] = ((long) (sortKeys[from + i] ^ Integer.MIN_VALUE) << 32) | i;
    }
    Arrays.sort(keyed);
    int[] sorted = new int[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = values[from + (int) keyed[i]];
    }
    System.arraycopy(sorted, 0, values, from, n);
  }

  private static int sizeOf(int[] shape) {
    int size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in draw shape " + Arrays.toString(shape));
      }
      size = Math.multiplyExact(size, d);
    }
    return size;
  }

  private static void checkCount(String operation, int n) {
    if (n < 0) {
      throw new IllegalArgumentException(operation + " needs a count >= 0, found " + n);
    }
  }

  private static int[] append(int[] shape, int last) {
    int[] out = Arrays.copyOf(shape, shape.length + 1);
    out[shape.length] = last;
    return out;
  }

  private static int[] concat(int[] first, int[] second) {
    int[] out = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, out, first.length, second.length);
    return out;
  }
}
