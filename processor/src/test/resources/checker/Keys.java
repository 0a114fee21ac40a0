import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/**
 * The key shape of a {@code Key}: a draw from a single key ({@code []}) has exactly the sizes
 * asked for, a draw from a key array keeps its leading axes, and a key of unknown shape leaves
 * the leading axes unknown.
 */
class Keys {
  static final int IN = 4;
  static final int OUT = 3;

  record Linear(@Shape("out in") Tensor weight, @Shape("out") Tensor bias) {
    /** The Equinox pattern with a key promised to be single. */
    static Linear init(int in, int out, @Shape("") Key key) {
      Key[] keys = key.split(2);
      float lim = 1f;
      return new Linear(keys[0].uniform(-lim, lim, out, in), keys[1].uniform(-lim, lim, out));
    }
  }

  static void take(@Shape("3 4") Tensor x) {}

  // (a) a literal-size draw from a single key has the exact shape
  static void singleKeys(long seed) {
    Key key = Key.of(seed);
    @Shape("3 4") Tensor uniform = key.uniform(3, 4);
    @Shape("2") Tensor bits = key.bits(2);
    @Shape("5 6") Tensor normal = key.foldIn(7).normal(5, 6);
    @Shape("10") Tensor permutation = key.permutation(10);
    @Shape("2 2") Tensor bernoulli = key.split(3)[1].bernoulli(0.5f, 2, 2);
    // :: error: (shape.assignment)
    @Shape("2 3 4") Tensor leadingAxis = key.uniform(3, 4);
    @Shape("256 26") Tensor transposed = key.uniform(26, 256).transpose();
    // :: error: (shape.assignment)
    @Shape("256 26 1") Tensor transposedNot = key.uniform(26, 256).transpose();
    // :: error: (shape.argument)
    take(key.normal(4));
    // :: error: (shape.argument)
    take(Key.of(0).randint(0, 5, 1, 3, 4));
  }

  static void linearLayers(long seed) {
    Key key = Key.of(seed);
    Key[] keys = key.split(2);
    Key first = key.split(2)[0];
    // :: error: (shape.argument)
    new Linear(first.uniform(-1f, 1f, IN), keys[1].uniform(-1f, 1f, OUT));
    new Linear(keys[0].uniform(-1f, 1f, OUT, IN), keys[1].uniform(-1f, 1f, OUT));
    for (int i = 0; i < keys.length; i++) {
      // :: error: (shape.assignment)
      @Shape("1 3") Tensor drawn = keys[i].normal(3);
    }
  }

  static void annotatedKey(@Shape("") Key key) {
    // :: error: (shape.argument)
    take(key.uniform(4));
    Linear layer = Linear.init(IN, OUT, Key.of(1));
  }

  /** The weight drawn with the bias's sizes: wrong whatever {@code in} and {@code out} are. */
  static Linear initWrong(int in, int out, @Shape("") Key key) {
    Key[] keys = key.split(2);
    // :: error: (shape.argument)
    return new Linear(keys[0].uniform(-1f, 1f, out), keys[1].uniform(-1f, 1f, out));
  }

  // (b) a draw from a key array keeps its leading axes
  static void keyArrays(long seed, @Shape("n") Key batch) {
    Key keys = Key.of(seed).splitArray(8);
    @Shape("8 3") Tensor drawn = keys.uniform(3);
    // :: error: (shape.assignment)
    @Shape("3") Tensor notSingle = keys.uniform(3);
    @Shape("3") Tensor element = keys.get(2).uniform(3);
    @Shape("8 5") Tensor folded = keys.foldIn(1).normal(5);
    @Shape("n 2 2") Tensor perSample = batch.normal(2, 2);
    // :: error: (shape.assignment)
    @Shape("2 2") Tensor notPerSample = batch.normal(2, 2);
    // :: error: (shape.op)
    Key.of(seed).get(0);
  }

  // (c) keys of unknown shape stay gradual
  static void unknownKeys(Key parameter, Tensor data, Key[] given) {
    take(parameter.uniform(3, 4));
    @Shape("8 3 4") Tensor perhapsArray = parameter.uniform(3, 4);
    take(Key.wrap(data).normal(3, 4));
    take(given[0].uniform(3, 4));
    Key[] rewritten = Key.of(0).split(2);
    rewritten[1] = parameter;
    @Shape("8 3") Tensor perhaps = rewritten[1].uniform(3);
    Key[] escaping = Key.of(0).split(2);
    overwrite(escaping, parameter);
    @Shape("8 3") Tensor perhapsToo = escaping[0].uniform(3);
    Key[] reassigned = Key.of(0).split(2);
    reassigned = given;
    @Shape("8 3") Tensor perhapsAgain = reassigned[0].uniform(3);
  }

  static void overwrite(Key[] keys, Key key) {
    keys[0] = key;
  }
}
