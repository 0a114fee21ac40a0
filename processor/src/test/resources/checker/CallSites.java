import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Tensor;

/** Call sites: the callee's specs are unified with the arguments' shapes in one scope. */
class CallSites {
  static @Shape("batch") Tensor pairwise(@Shape("batch d") Tensor a, @Shape("batch d") Tensor b) {
    return a.mul(b).sum(1);
  }

  static void namedDims(@Shape("8 3") Tensor a, @Shape("8 3") Tensor b, @Shape("8 4") Tensor c, @Shape("9 3") Tensor d) {
    @Shape("8") Tensor ok = pairwise(a, b);
    // :: error: (shape.argument)
    pairwise(a, c);
    // :: error: (shape.argument)
    pairwise(a, d);
  }

  static Tensor fixed(@Shape("2 3") Tensor x) {
    return x;
  }

  static void fixedSizes(@Shape("2 3") Tensor good, @Shape("3 2") Tensor swapped, @Shape("2 3 1") Tensor tooMany, @Shape("n 3") Tensor unknownRows) {
    fixed(good);
    // :: error: (shape.argument)
    fixed(swapped);
    // :: error: (shape.argument)
    fixed(tooMany);
    // a name of the caller against a constant: not provable, not a conflict
    fixed(unknownRows);
  }

  static @Shape("*batch") Tensor lastAxisSum(@Shape("*batch d") Tensor x, @Shape("*batch") Tensor weight) {
    return x.sum(-1).mul(weight);
  }

  static void variadic(@Shape("2 3 4") Tensor x, @Shape("2 3") Tensor w, @Shape("2 4") Tensor wrong, @Shape("4") Tensor vector) {
    @Shape("2 3") Tensor ok = lastAxisSum(x, w);
    // :: error: (shape.argument)
    lastAxisSum(x, wrong);
    // :: error: (shape.argument)
    lastAxisSum(x, vector);
    // :: error: (shape.argument)
    lastAxisSum(Tensor.scalar(1f), Tensor.scalar(1f));
  }

  static @Shape("... c") Tensor channels(@Shape("... c") Tensor x) {
    return x;
  }

  static void anonymousVariadic(@Shape("5 6 7") Tensor x) {
    @Shape("7") Tensor anyLeading = channels(x).sum(0).sum(0);
    // the leading axes matched by ... are not carried to the result
    @Shape("5 6 7") Tensor unknownLeading = channels(x);
  }

  static @Shape("n") Tensor scale(@Shape("n") Tensor x, @Shape("#n") Tensor factor) {
    return x.mul(factor);
  }

  static void broadcastable(@Shape("4") Tensor x, @Shape("1") Tensor one, @Shape("4") Tensor four, @Shape("3") Tensor three) {
    scale(x, one);
    scale(x, four);
    // :: error: (shape.argument)
    scale(x, three);
  }

  static Tensor firstAxisFree(@Shape("_ 3") Tensor x) {
    return x;
  }

  static void anonymous(@Shape("100 3") Tensor a, @Shape("1 3") Tensor b, @Shape("1 4") Tensor c) {
    firstAxisFree(a);
    firstAxisFree(b);
    // :: error: (shape.argument)
    firstAxisFree(c);
  }

  static @Shape("n+1") Tensor withBias(@Shape("n") Tensor x) {
    return Tensor.concat(0, x, Tensor.ones(1));
  }

  static Tensor grown(@Shape("n") Tensor x, @Shape("n+1") Tensor y) {
    return y;
  }

  static Tensor flattened(@Shape("h w") Tensor image, @Shape("h*w") Tensor flat) {
    return flat;
  }

  static void symbolic(@Shape("4") Tensor four, @Shape("5") Tensor five, @Shape("k") Tensor k, @Shape("k+1") Tensor kPlusOne, @Shape("28 28") Tensor image) {
    @Shape("5") Tensor ok = withBias(four);
    // :: error: (shape.assignment)
    @Shape("4") Tensor bad = withBias(four);
    @Shape("k+1") Tensor symbolicResult = withBias(k);
    grown(four, five);
    grown(k, kPlusOne);
    // :: error: (shape.argument)
    grown(four, four);
    // :: error: (shape.argument)
    grown(k, k);
    flattened(image, Tensor.zeros(784));
    // :: error: (shape.argument)
    flattened(image, Tensor.zeros(783));
  }

  static @Shape("n") Tensor sumAll(@Shape("n") Tensor... xs) {
    return xs[0];
  }

  static void varargs(@Shape("3") Tensor a, @Shape("3") Tensor b, @Shape("4") Tensor c) {
    @Shape("3") Tensor ok = sumAll(a, b);
    // :: error: (shape.argument)
    sumAll(a, b, c);
    sumAll(new Tensor[] {a, c});
  }

  static void laterArgumentsBindExpressions(@Shape("6") Tensor six, @Shape("5") Tensor five) {
    // n+1 is checked once a later argument has bound n
    expressionFirst(six, five);
    // :: error: (shape.argument)
    expressionFirst(five, five);
  }

  static Tensor expressionFirst(@Shape("n+1") Tensor y, @Shape("n") Tensor x) {
    return x;
  }

  static <K> @Shape("n") Tensor keyed(K key, @Shape("n") Tensor x) {
    return x;
  }

  static <T extends Tensor> @Shape("n 2") T pairs(@Shape("n 2") T x) {
    return x;
  }

  static void genericCallees(@Shape("5") Tensor five, @Shape("5 2") Tensor fivePairs) {
    @Shape("5") Tensor kept = keyed("name", five);
    // :: error: (shape.assignment)
    @Shape("4") Tensor wrong = keyed("name", five);
    @Shape("5 2") Tensor same = pairs(fivePairs);
    // :: error: (shape.argument)
    pairs(Tensor.zeros(5, 3));
  }
}
