package dev.solstice.runtime;

import dev.solstice.runtime.kernel.Kernels;
import java.util.Arrays;

/**
 * Forward loops of the elementwise ops: unary math, broadcasting binary arithmetic, comparisons,
 * {@code where} and dtype conversion. Broadcasting is walked with a {@link Plan}, so each run of a
 * loop is contiguous or constant in every operand. Transcendental functions are the kernel's
 * ({@link Kernels#math()}); the simple arithmetic loops stay here, each a few lines.
 */
final class Elementwise {
  private Elementwise() {}

  static Tensor unary(UnaryOp op, Tensor x) {
    float[] in = x.floatData();
    float[] out = TapeBuffers.uninitialized(in.length);
    switch (op) {
      case NEG -> neg(in, out);
      case SQUARE -> square(in, out);
      case SQRT -> sqrt(in, out);
      case RSQRT -> rsqrt(in, out);
      case EXP -> exp(in, out);
      case LOG -> log(in, out);
      case TANH -> tanh(in, out);
      case RELU -> relu(in, out);
      case SIGMOID -> sigmoid(in, out);
      case GELU -> gelu(in, out);
      case ABS -> abs(in, out);
      case SIGN -> sign(in, out);
    }
    return Tensor.floats(out, x.physical(), x.batchAxes(), x.node == null ? null : Gradients.unary(op, x));
  }

  static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    if (!a.isFloat() && !b.isFloat() && op.keepsInts()) {
      return binaryInts(op, a, b);
    }
    int batchAxes = Math.max(a.batchAxes(), b.batchAxes());
    int rank = Math.max(a.rank(), b.rank());
    int[] sa = Shapes.aligned(a, batchAxes, rank);
    int[] sb = Shapes.aligned(b, batchAxes, rank);
    int[] shape = Shapes.broadcast(op.opName(), sa, sb, batchAxes, a, b);
    float[] x = a.floatData();
    float[] y = b.floatData();
    float[] out;
    if ((op == BinaryOp.ADD || op == BinaryOp.SUB) && !Arrays.equals(sa, sb) && Shapes.size(sb) > 1
        && Arrays.equals(sa, shape) && Shapes.isSuffix(sb, shape)) {
      out = addRows(op == BinaryOp.ADD ? 1f : -1f, x, y, Shapes.size(sb));
    } else {
      out = TapeBuffers.uninitialized(Shapes.size(shape));
      loops(op, x, sa, y, sb, shape, out);
    }
    Node node = a.node == null && b.node == null ? null : Gradients.binary(op, a, b);
    return Tensor.floats(out, shape, batchAxes, node);
  }

  /** {@code out = x op y} for operands of aligned shapes {@code sa}, {@code sb} broadcast to {@code shape}. */
  private static void loops(BinaryOp op, float[] x, int[] sa, float[] y, int[] sb, int[] shape, float[] out) {
    if (Arrays.equals(sa, sb)) {
      WholeArrayLoops.arrays(op, x, y, out);
    } else if (Shapes.size(sb) == 1) {
      WholeArrayLoops.arrayScalar(op, x, y[0], out);
    } else if (Shapes.size(sa) == 1) {
      WholeArrayLoops.scalarArray(op, x[0], y, out);
    } else {
      Plan plan = Plan.of(shape, sa, sb);
      int n = plan.inner;
      for (int block = 0, o = 0; block < plan.blocks; block++, o += n) {
        run(op, x, plan.offset[0], plan.innerStride[0], y, plan.offset[1], plan.innerStride[1], out, o, n);
        plan.next();
      }
    }
  }

  /**
   * {@code out = a + sign * b} where {@code b} repeats with {@code period} along flat {@code a}
   * (adding a bias row to a batch), in one pass of the kernel's axpyTo over long runs against a
   * tiled {@code b}: the JIT would not vectorise the short, differently offset rows, and {@code a +
   * 1 * b} rounds exactly as {@code a + b}.
   */
  private static float[] addRows(float sign, float[] a, float[] b, int period) {
    float[] out = TapeBuffers.uninitialized(a.length);
    float[] tile = Shapes.tile(b, period);
    for (int at = 0; at < out.length; at += tile.length) {
      Kernels.math().axpyTo(Math.min(tile.length, out.length - at), sign, tile, 0, a, at, out, at);
    }
    return out;
  }

  /** One run of a binary op; strides {@code as} and {@code bs} are 0 (constant) or 1 (contiguous). */
  private static void run(BinaryOp op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
    switch (op) {
      case ADD -> add(a, ai, as, b, bi, bs, o, oi, n);
      case SUB -> sub(a, ai, as, b, bi, bs, o, oi, n);
      case MUL -> mul(a, ai, as, b, bi, bs, o, oi, n);
      case DIV -> div(a, ai, as, b, bi, bs, o, oi, n);
      default -> {
        for (int i = 0; i < n; i++) {
          o[oi + i] = apply(op, a[ai + i * as], b[bi + i * bs]);
        }
      }
    }
  }

  private static float apply(BinaryOp op, float x, float y) {
    return switch (op) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
      case POW -> pow(x, y);
      case MAXIMUM -> Math.max(x, y);
      case MINIMUM -> Math.min(x, y);
    };
  }

  /** Small integer exponents multiply, as JAX's {@code integer_pow} does for {@code x ** 2}. */
  static float pow(float x, float y) {
    if (y == 2f) {
      return x * x;
    } else if (y == 1f) {
      return x;
    } else if (y == 3f) {
      return x * x * x;
    } else if (y == 0f) {
      return 1f;
    }
    return (float) Math.pow(x, y);
  }

  private static void add(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] + b[bi + i];
    } else if (as == 1) {
      float y = b[bi];
      for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] + y;
    } else if (bs == 1) {
      float x = a[ai];
      for (int i = 0; i < n; i++) o[oi + i] = x + b[bi + i];
    } else {
      Arrays.fill(o, oi, oi + n, a[ai] + b[bi]);
    }
  }

  private static void sub(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] - b[bi + i];
    } else if (as == 1) {
      float y = b[bi];
      for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] - y;
    } else if (bs == 1) {
      float x = a[ai];
      for (int i = 0; i < n; i++) o[oi + i] = x - b[bi + i];
    } else {
      Arrays.fill(o, oi, oi + n, a[ai] - b[bi]);
    }
  }

  private static void mul(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] * b[bi + i];
    } else if (as == 1) {
      float y = b[bi];
      for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] * y;
    } else if (bs == 1) {
      float x = a[ai];
      for (int i = 0; i < n; i++) o[oi + i] = x * b[bi + i];
    } else {
      Arrays.fill(o, oi, oi + n, a[ai] * b[bi]);
    }
  }

  private static void div(float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
    if (as == 1 && bs == 1) {
      for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] / b[bi + i];
    } else if (as == 1) {
      float y = b[bi];
      for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] / y;
    } else if (bs == 1) {
      float x = a[ai];
      for (int i = 0; i < n; i++) o[oi + i] = x / b[bi + i];
    } else {
      Arrays.fill(o, oi, oi + n, a[ai] / b[bi]);
    }
  }

  private static Tensor binaryInts(BinaryOp op, Tensor a, Tensor b) {
    int batchAxes = Math.max(a.batchAxes(), b.batchAxes());
    int rank = Math.max(a.rank(), b.rank());
    int[] sa = Shapes.aligned(a, batchAxes, rank);
    int[] sb = Shapes.aligned(b, batchAxes, rank);
    int[] shape = Shapes.broadcast(op.opName(), sa, sb, batchAxes, a, b);
    int[] out = new int[Shapes.size(shape)];
    Plan plan = Plan.of(shape, sa, sb);
    int n = plan.inner;
    for (int block = 0, o = 0; block < plan.blocks; block++, o += n) {
      int ai = plan.offset[0], as = plan.innerStride[0], bi = plan.offset[1], bs = plan.innerStride[1];
      for (int i = 0; i < n; i++) {
        int x = a.ints[ai + i * as];
        int y = b.ints[bi + i * bs];
        out[o + i] = switch (op) {
          case ADD -> x + y;
          case SUB -> x - y;
          case MUL -> x * y;
          case MAXIMUM -> Math.max(x, y);
          case MINIMUM -> Math.min(x, y);
          default -> throw new AssertionError(op);
        };
      }
      plan.next();
    }
    return Tensor.ints(out, shape, batchAxes, DType.INT32);
  }

  static Tensor compare(CompareOp op, Tensor a, Tensor b) {
    int batchAxes = Math.max(a.batchAxes(), b.batchAxes());
    int rank = Math.max(a.rank(), b.rank());
    int[] sa = Shapes.aligned(a, batchAxes, rank);
    int[] sb = Shapes.aligned(b, batchAxes, rank);
    int[] shape = Shapes.broadcast(op.opName(), sa, sb, batchAxes, a, b);
    int[] out = new int[Shapes.size(shape)];
    boolean ints = !a.isFloat() && !b.isFloat();
    float[] x = ints ? null : a.floatData();
    float[] y = ints ? null : b.floatData();
    Plan plan = Plan.of(shape, sa, sb);
    int n = plan.inner;
    for (int block = 0, o = 0; block < plan.blocks; block++, o += n) {
      int ai = plan.offset[0], as = plan.innerStride[0], bi = plan.offset[1], bs = plan.innerStride[1];
      for (int i = 0; i < n; i++) {
        boolean t = ints
            ? op.test(a.ints[ai + i * as], b.ints[bi + i * bs])
            : op.test(x[ai + i * as], y[bi + i * bs]);
        out[o + i] = t ? 1 : 0;
      }
      plan.next();
    }
    return Tensor.ints(out, shape, batchAxes, DType.BOOL);
  }

  static Tensor where(Tensor cond, Tensor a, Tensor b) {
    int batchAxes = Math.max(cond.batchAxes(), Math.max(a.batchAxes(), b.batchAxes()));
    int rank = Math.max(cond.rank(), Math.max(a.rank(), b.rank()));
    int[] sc = Shapes.aligned(cond, batchAxes, rank);
    int[] sa = Shapes.aligned(a, batchAxes, rank);
    int[] sb = Shapes.aligned(b, batchAxes, rank);
    int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", sc, sa, batchAxes, cond, a), sb, batchAxes, a, b);
    int[] c = cond.isFloat() ? cond.asType(DType.BOOL).ints : cond.ints;
    Plan plan = Plan.of(shape, sc, sa, sb);
    int n = plan.inner;
    if (!a.isFloat() && !b.isFloat()) {
      int[] out = new int[Shapes.size(shape)];
      for (int block = 0, o = 0; block < plan.blocks; block++, o += n) {
        for (int i = 0; i < n; i++) {
          out[o + i] = c[plan.offset[0] + i * plan.innerStride[0]] != 0
              ? a.ints[plan.offset[1] + i * plan.innerStride[1]]
              : b.ints[plan.offset[2] + i * plan.innerStride[2]];
        }
        plan.next();
      }
      DType type = a.dtype() == DType.BOOL && b.dtype() == DType.BOOL ? DType.BOOL : DType.INT32;
      return Tensor.ints(out, shape, batchAxes, type);
    }
    float[] x = a.floatData();
    float[] y = b.floatData();
    float[] out = TapeBuffers.uninitialized(Shapes.size(shape));
    for (int block = 0, o = 0; block < plan.blocks; block++, o += n) {
      for (int i = 0; i < n; i++) {
        out[o + i] = c[plan.offset[0] + i * plan.innerStride[0]] != 0
            ? x[plan.offset[1] + i * plan.innerStride[1]]
            : y[plan.offset[2] + i * plan.innerStride[2]];
      }
      plan.next();
    }
    Node node = a.node == null && b.node == null ? null : Gradients.where(cond, a, b);
    return Tensor.floats(out, shape, batchAxes, node);
  }

  static Tensor asType(Tensor x, DType type) {
    if (x.dtype() == type) {
      return x;
    }
    if (type == DType.FLOAT32) {
      return Tensor.floats(x.physicalFloats(), x.physical(), x.batchAxes(), null);
    }
    int[] out = new int[Shapes.size(x.physical())];
    float[] floats = x.isFloat() ? x.data() : null;
    for (int i = 0; i < out.length; i++) {
      if (type == DType.BOOL) {
        out[i] = (floats != null ? floats[i] != 0 : x.ints[i] != 0) ? 1 : 0;
      } else {
        out[i] = floats != null ? (int) floats[i] : x.ints[i];
      }
    }
    return Tensor.ints(out, x.physical(), x.batchAxes(), type);
  }

  // ---- unary math; each loop is the seam for a vectorised kernel

  private static void neg(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) y[i] = -x[i];
  }

  private static void square(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) y[i] = x[i] * x[i];
  }

  private static void sqrt(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) y[i] = (float) Math.sqrt(x[i]);
  }

  private static void rsqrt(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) y[i] = (float) (1 / Math.sqrt(x[i]));
  }

  private static void exp(float[] x, float[] y) {
    Kernels.math().exp(x, 0, y, 0, x.length);
  }

  private static void log(float[] x, float[] y) {
    Kernels.math().log(x, 0, y, 0, x.length);
  }

  private static void tanh(float[] x, float[] y) {
    Kernels.math().tanh(x, 0, y, 0, x.length);
  }

  private static void relu(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) y[i] = Math.max(x[i], 0f);
  }

  private static void sigmoid(float[] x, float[] y) {
    Kernels.math().sigmoid(x, 0, y, 0, x.length);
  }

  private static void gelu(float[] x, float[] y) {
    Kernels.math().gelu(x, 0, y, 0, x.length);
  }

  private static void abs(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
  }

  private static void sign(float[] x, float[] y) {
    for (int i = 0; i < x.length; i++) y[i] = Math.signum(x[i]);
  }
}
