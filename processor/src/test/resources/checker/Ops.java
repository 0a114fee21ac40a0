import dev.solstice.annotations.Shape;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;

/**
 * Inference through the runtime's ops. Each assignment to a declared shape that is an error proves
 * the inferred shape is known exactly; each that is fine proves it is the right one.
 */
class Ops {
  static final int HIDDEN = 32;

  static void creation(Key key, int n) {
    @Shape("3 4") Tensor zeros = Tensor.zeros(3, 4);
    @Shape("2 32") Tensor ones = Tensor.ones(2, HIDDEN);
    @Shape("784") Tensor full = Tensor.full(0.5f, 28 * 28);
    @Shape("10") Tensor arange = Tensor.arange(10);
    @Shape("100") Tensor linspace = Tensor.linspace(-1f, 1f, 100);
    @Shape("") Tensor scalar = Tensor.scalar(2f);
    @Shape("2 2") Tensor of = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    @Shape("") Tensor index = Tensor.ofInts(new int[] {7});
    @Shape("3") Tensor labels = Tensor.ofInts(new int[] {1, 2, 3}, 3);
    // :: error: (shape.assignment)
    @Shape("1") Tensor notScalar = Tensor.ofInts(new int[] {7});
    @Shape("5 5") Tensor mask = Tensor.tril(5);
    @Shape("3 4") Tensor like = Tensor.zerosLike(zeros);
    @Shape("3 4") Tensor fromArray = Tensor.zeros(new int[] {3, 4});
    @Shape("3 4") Tensor fromShape = Tensor.ones(zeros.shape());
    @Shape("3 7") Tensor fromDims = Tensor.zeros(zeros.dim(0), 7);
    // :: error: (shape.assignment)
    @Shape("4 3") Tensor wrong = Tensor.zeros(3, 4);
    // :: error: (shape.assignment)
    @Shape("3") Tensor rank = Tensor.zeros(3, 4);
    // sizes that are not constants are unknown, but the rank is not
    @Shape("7 4") Tensor dynamic = Tensor.zeros(n, 4);
    // :: error: (shape.assignment)
    @Shape("7") Tensor dynamicRank = Tensor.zeros(n, 4);
    // a key may be an array of keys, whose shape leads
    @Shape("... 3 4") Tensor drawn = key.normal(3, 4);
    // :: error: (shape.assignment)
    @Shape("... 4 3") Tensor drawnWrong = key.uniform(-1f, 1f, 3, 4);
  }

  static void elementwise(@Shape("batch 10") Tensor logits, @Shape("10") Tensor bias, @Shape("batch 1") Tensor column, @Shape("batch 9") Tensor nine) {
    @Shape("batch 10") Tensor a = logits.add(bias);
    @Shape("batch 10") Tensor b = column.mul(logits);
    @Shape("batch 10") Tensor c = logits.tanh().relu().exp().mul(2f);
    @Shape("batch 10") Tensor kept = logits.copy().detach();
    // :: error: (shape.assignment)
    @Shape("batch") Tensor keptWrong = logits.copy();
    @Shape("batch 10") Tensor d = logits.gt(0f);
    @Shape("batch 10") Tensor e = Tensor.where(logits.gt(bias), logits, Tensor.zeros(1));
    // :: error: (shape.op)
    logits.add(nine);
    // :: error: (shape.op)
    logits.sub(Tensor.zeros(3));
    // :: error: (shape.assignment)
    @Shape("10") Tensor wrong = logits.add(bias);
  }

  static void reductions(@Shape("b n") Tensor x) {
    @Shape("") Tensor total = x.sum();
    @Shape("b") Tensor rows = x.sum(1);
    @Shape("n") Tensor columns = x.mean(0);
    @Shape("b 1") Tensor kept = x.max(-1, true);
    @Shape("b") Tensor dropped = x.min(1, false);
    @Shape("1 1") Tensor both = x.sum(new int[] {0, 1}, true);
    @Shape("b") Tensor arg = x.argmax(1);
    @Shape("b") Tensor lse = x.logsumexp(-1);
    @Shape("b n") Tensor soft = x.softmax(-1);
    @Shape("b 1") Tensor variance = x.var(1, true);
    // :: error: (shape.assignment)
    @Shape("n") Tensor wrongAxis = x.sum(1);
    // :: error: (shape.op)
    x.sum(2);
    // :: error: (shape.op)
    x.softmax(-3);
  }

  static void reshapes(@Shape("28 28") Tensor image, @Shape("b h w") Tensor batch, @Shape("6") Tensor six) {
    @Shape("784") Tensor flat = image.reshape(784);
    @Shape("784") Tensor inferred = image.reshape(-1);
    @Shape("4 196") Tensor split = image.reshape(4, -1);
    @Shape("b h*w") Tensor flattened = batch.reshape(batch.dim(0), -1);
    @Shape("2 3") Tensor grid = six.reshape(2, 3);
    // :: error: (shape.op)
    image.reshape(28, 27);
    // :: error: (shape.op)
    six.reshape(4, -1);
    // :: error: (shape.op)
    six.reshape(-1, -1);
    // :: error: (shape.assignment)
    @Shape("3 2") Tensor wrong = six.reshape(2, 3);
  }

  static void movement(@Shape("a b c") Tensor x, @Shape("3") Tensor v, @Shape("1 3") Tensor row) {
    @Shape("c b a") Tensor reversed = x.transpose();
    @Shape("b a c") Tensor permuted = x.transpose(1, 0, 2);
    @Shape("a c b") Tensor swapped = x.swapaxes(1, 2);
    @Shape("a 1 b c") Tensor expanded = x.expandDims(1);
    @Shape("a b c 1") Tensor expandedLast = x.expandDims(-1);
    @Shape("3") Tensor squeezed = row.squeeze(0);
    @Shape("4 3") Tensor broadcast = v.broadcastTo(4, 3);
    // :: error: (shape.op)
    x.transpose(1, 0);
    // :: error: (shape.op)
    row.squeeze(1);
    // :: error: (shape.op)
    v.broadcastTo(4, 5);
    // :: error: (shape.assignment)
    @Shape("a b c") Tensor notSwapped = x.swapaxes(0, 2);
  }

  static void slicing(@Shape("10 n") Tensor x, @Shape("m") Tensor indices) {
    @Shape("3 n") Tensor head = x.slice(0, 2, 5);
    @Shape("9 n") Tensor tail = x.slice(0, 1, -0 + 10);
    @Shape("8 n") Tensor trimmed = x.slice(0, 1, -1);
    @Shape("m n") Tensor rows = x.take(indices);
    @Shape("10 m") Tensor columns = x.take(indices, 1);
    // :: error: (shape.op)
    x.slice(0, 5, 11);
    // :: error: (shape.op)
    x.slice(0, 6, 5);
    // :: error: (shape.assignment)
    @Shape("2 n") Tensor wrong = x.slice(0, 2, 5);
  }

  static void joining(@Shape("2 5") Tensor a, @Shape("3 5") Tensor b, @Shape("2 4") Tensor c, @Shape("n 5") Tensor d) {
    @Shape("5 5") Tensor rows = Tensor.concat(0, a, b);
    @Shape("n+2 5") Tensor symbolic = Tensor.concat(0, a, d);
    @Shape("2 9") Tensor columns = Tensor.concat(1, a, c);
    @Shape("3 2 5") Tensor stacked = Tensor.stack(0, a, a, a);
    @Shape("2 5 2") Tensor stackedLast = Tensor.stack(-1, a, a);
    // :: error: (shape.op)
    Tensor.concat(0, a, c);
    // :: error: (shape.op)
    Tensor.stack(0, a, b);
  }

  static void matmul(@Shape("m k") Tensor a, @Shape("k n") Tensor b, @Shape("k") Tensor v, @Shape("n") Tensor w, @Shape("batch m k") Tensor stack, @Shape("4 k n") Tensor four) {
    @Shape("m n") Tensor matrix = a.matmul(b);
    @Shape("m") Tensor matrixVector = a.matmul(v);
    @Shape("n") Tensor vectorMatrix = v.matmul(b);
    @Shape("") Tensor dot = v.matmul(v);
    @Shape("batch m n") Tensor batched = stack.matmul(b);
    @Shape("4 m n") Tensor broadcastBatch = a.matmul(four);
    @Shape("batch m") Tensor batchedVector = stack.matmul(v);
    // :: error: (shape.op)
    a.matmul(a);
    // :: error: (shape.op)
    b.matmul(v);
    // :: error: (shape.op)
    v.matmul(w);
    // :: error: (shape.op)
    Tensor.scalar(1f).matmul(v);
    // :: error: (shape.assignment)
    @Shape("n m") Tensor wrong = a.matmul(b);
  }

  static void losses(@Shape("batch 10") Tensor logits, @Shape("batch") Tensor labels, @Shape("batch 1") Tensor prediction) {
    @Shape("batch") Tensor perExample = Losses.softmaxCrossEntropyWithIntegerLabels(logits, labels);
    @Shape("") Tensor mse = Losses.mse(prediction, prediction);
    // :: error: (shape.op)
    Losses.softmaxCrossEntropyWithIntegerLabels(logits, logits);
    // :: error: (shape.op)
    Losses.mse(prediction, labels);
  }

  static @Shape("hidden") Tensor flow(@Shape("hidden in") Tensor w, @Shape("in") Tensor x) {
    Tensor h = w.matmul(x);
    if (x.dim(0) > 3) {
      h = h.tanh();
    }
    return h;
  }

  static @Shape("in") Tensor flowWrong(@Shape("hidden in") Tensor w, @Shape("in") Tensor x) {
    Tensor h = w.matmul(x);
    // :: error: (shape.return)
    return h;
  }
}
