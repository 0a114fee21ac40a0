package dev.solstice.runtime.kernel;

import java.util.Objects;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ArrayMath} with the Vector API: each function is {@link FloatMath}'s algorithm applied
 * lane by lane, so results are bit-identical to the scalar path, which also handles the tail.
 *
 * <p>Only {@link Kernels} loads this class, reflectively, after checking that {@code
 * jdk.incubator.vector} is present.
 */
final class VectorArrayMath implements ArrayMath {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /** Integer lanes of the same shape, for exp's exponent arithmetic. */
  private static final VectorSpecies<Integer> INT_SPECIES = SPECIES.withLanes(int.class);
  /** Lanes for dot products of short rows: at most 256 bits, whose reduction is cheap. */
  private static final VectorSpecies<Float> ROW_SPECIES =
      SPECIES.vectorBitSize() > 256 ? FloatVector.SPECIES_256 : SPECIES;

  private static final int ROW_LANES = ROW_SPECIES.length();
  /**
   * Elements per call of a loop method. Long arrays are processed by many calls of a short loop
   * rather than one long loop, so the JIT sees the loop method invoked often and compiles it
   * fully with C2: code left to C1 does not intrinsify the Vector API and runs 100x slower. It is
   * also the block of a sum or dot product added up in float lanes before joining the double
   * total.
   */
  private static final int CHUNK = 1024;
  /**
   * Elements from which Adam's step is split between {@link KernelThreads}: it is bound by its
   * divisions and square root, not by memory, so two cores take it in about half the time.
   */
  static final int PARALLEL_ADAM_FROM = 1 << 15;
  /** 2^23 and its bits: or-ing a small integer into the mantissa adds it to 2^23. */
  private static final float EXPONENT_MAGIC = 0x1p23f;

  private static final int EXPONENT_MAGIC_BITS = 0x4B000000;
  /** For the strided cases of the matrix-vector kernels, which stay scalar. */
  private static final ArrayMath SCALAR = new ScalarArrayMath();

  @Override
  public void exp(float[] in, int inOff, float[] out, int outOff, int n) {
    ScalarArrayMath.checkRuns(in, inOff, out, outOff, n);
    for (int start = 0; start < n; start += CHUNK) {
      expChunk(in, inOff + start, out, outOff + start, Math.min(CHUNK, n - start));
    }
  }

  /** Also the first step of sigmoid and gelu; {@code in} and {@code out} may be the same run. */
  private static void expChunk(float[] in, int inOff, float[] out, int outOff, int n) {
    int i = 0;
    // FloatMath.exp lane by lane, written out in the loop for the reason given in tanhChunk.
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, in, inOff + i);
      FloatVector clamped = x.max(FloatVector.broadcast(SPECIES, FloatMath.EXP_MIN))
          .min(FloatVector.broadcast(SPECIES, FloatMath.EXP_MAX));
      FloatVector shifted = clamped.fma(FloatVector.broadcast(SPECIES, FloatMath.LOG2_E),
          FloatVector.broadcast(SPECIES, FloatMath.ROUNDER));
      FloatVector k = shifted.sub(FloatVector.broadcast(SPECIES, FloatMath.ROUNDER));
      IntVector ki = shifted.reinterpretAsInts().sub(IntVector.broadcast(INT_SPECIES, FloatMath.ROUNDER_BITS));
      FloatVector r = k.neg().fma(FloatVector.broadcast(SPECIES, FloatMath.LN2_HI), clamped);
      r = k.neg().fma(FloatVector.broadcast(SPECIES, FloatMath.LN2_LO), r);
      FloatVector q = r.fma(FloatVector.broadcast(SPECIES, FloatMath.E7),
          FloatVector.broadcast(SPECIES, FloatMath.E6));
      q = q.fma(r, FloatVector.broadcast(SPECIES, FloatMath.E5));
      q = q.fma(r, FloatVector.broadcast(SPECIES, FloatMath.E4));
      q = q.fma(r, FloatVector.broadcast(SPECIES, FloatMath.E3));
      q = q.fma(r, FloatVector.broadcast(SPECIES, FloatMath.E2));
      FloatVector p = q.fma(r.mul(r), r).add(FloatVector.broadcast(SPECIES, 1f));
      IntVector half = ki.lanewise(VectorOperators.ASHR, IntVector.broadcast(INT_SPECIES, 1));
      p.mul(powerOfTwo(half)).mul(powerOfTwo(ki.sub(half))).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = FloatMath.exp(in[inOff + i]);
    }
  }

  @Override
  public void log(float[] in, int inOff, float[] out, int outOff, int n) {
    ScalarArrayMath.checkRuns(in, inOff, out, outOff, n);
    for (int start = 0; start < n; start += CHUNK) {
      logChunk(in, inOff + start, out, outOff + start, Math.min(CHUNK, n - start));
    }
  }

  private static void logChunk(float[] in, int inOff, float[] out, int outOff, int n) {
    int i = 0;
    // FloatMath.log lane by lane, written out in the loop: as a separate method it is too big
    // for the JIT to inline, and every call would then box its vectors.
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, in, inOff + i);
      VectorMask<Float> subnormal = x.lt(Float.MIN_NORMAL);
      IntVector bits = x.blend(x.mul(FloatMath.TWO_23), subnormal).reinterpretAsInts();
      // The biased exponent b as a float: the bits of 2^23 + b, minus 2^23 (exact).
      IntVector biased = bits.lanewise(VectorOperators.LSHR, 23).and(0xFF);
      FloatVector e = biased.or(EXPONENT_MAGIC_BITS).reinterpretAsFloats().sub(EXPONENT_MAGIC);
      e = e.sub(127f);
      e = e.blend(e.sub(23f), subnormal);
      FloatVector m = bits.and(0x007FFFFF).or(0x3F800000).reinterpretAsFloats();
      VectorMask<Float> high = m.compare(VectorOperators.GT, FloatMath.SQRT2);
      m = m.blend(m.mul(0.5f), high);
      e = e.blend(e.add(1f), high);
      FloatVector f = m.sub(1f);
      FloatVector s = f.div(m.add(1f));
      FloatVector z = s.mul(s);
      FloatVector series = z.fma(FloatMath.L9, FloatMath.L7);
      series = series.fma(z, FloatVector.broadcast(SPECIES, FloatMath.L5));
      series = series.fma(z, FloatVector.broadcast(SPECIES, FloatMath.L3));
      series = series.mul(z);
      FloatVector twoS = s.add(s);
      FloatVector logM = twoS.fma(series, twoS);
      FloatVector low = e.fma(FloatVector.broadcast(SPECIES, FloatMath.LN2_LO), logM);
      FloatVector result = e.fma(FloatVector.broadcast(SPECIES, FloatMath.LN2_HI), low);
      VectorMask<Float> finitePositive =
          x.compare(VectorOperators.GT, 0f).and(x.lt(Float.POSITIVE_INFINITY));
      FloatVector special =
          FloatVector.broadcast(SPECIES, Float.NaN)
              .blend(Float.NEGATIVE_INFINITY, x.eq(0f))
              .blend(Float.POSITIVE_INFINITY, x.eq(Float.POSITIVE_INFINITY));
      special.blend(result, finitePositive).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = FloatMath.log(in[inOff + i]);
    }
  }

  @Override
  public void tanh(float[] in, int inOff, float[] out, int outOff, int n) {
    ScalarArrayMath.checkRuns(in, inOff, out, outOff, n);
    for (int start = 0; start < n; start += CHUNK) {
      tanhChunk(in, inOff + start, out, outOff + start, Math.min(CHUNK, n - start));
    }
  }

  private static void tanhChunk(float[] in, int inOff, float[] out, int outOff, int n) {
    int i = 0;
    // FloatMath.tanh lane by lane, written out in the loop: behind a method call, whether C2
    // inlines it depends on the profile it compiles with, and when it does not, every call boxes
    // its vectors (measured: a run of the seed's W1 step then took 130 us instead of 60).
    // Constants are broadcast from SPECIES, not through the scalar forms (x.min(float)): those
    // take the species from the vector, which C2 sometimes fails to see as a constant when this
    // loop is inlined deep into a caller, and then broadcasts through the slow generic path.
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, in, inOff + i);
      FloatVector c = x.min(FloatVector.broadcast(SPECIES, FloatMath.TANH_LIMIT))
          .max(FloatVector.broadcast(SPECIES, -FloatMath.TANH_LIMIT));
      FloatVector z = c.mul(c);
      FloatVector p = z.fma(FloatVector.broadcast(SPECIES, FloatMath.TP6),
          FloatVector.broadcast(SPECIES, FloatMath.TP5));
      p = p.fma(z, FloatVector.broadcast(SPECIES, FloatMath.TP4));
      p = p.fma(z, FloatVector.broadcast(SPECIES, FloatMath.TP3));
      p = p.fma(z, FloatVector.broadcast(SPECIES, FloatMath.TP2));
      p = p.fma(z, FloatVector.broadcast(SPECIES, FloatMath.TP1));
      p = p.fma(z, FloatVector.broadcast(SPECIES, 1f));
      FloatVector q = z.fma(FloatVector.broadcast(SPECIES, FloatMath.TQ3),
          FloatVector.broadcast(SPECIES, FloatMath.TQ2));
      q = q.fma(z, FloatVector.broadcast(SPECIES, FloatMath.TQ1));
      q = q.fma(z, FloatVector.broadcast(SPECIES, 1f));
      c.mul(p).div(q).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = FloatMath.tanh(in[inOff + i]);
    }
  }

  @Override
  public void sigmoid(float[] in, int inOff, float[] out, int outOff, int n) {
    ScalarArrayMath.checkRuns(in, inOff, out, outOff, n);
    for (int start = 0; start < n; start += CHUNK) {
      sigmoidChunk(in, inOff + start, out, outOff + start, Math.min(CHUNK, n - start));
    }
  }

  /**
   * {@link FloatMath#sigmoid} in three passes over the chunk (in the L1 cache): {@code -|x|}, its
   * exp, then the quotient. Each pass is one small loop, so no vector crosses a method call.
   */
  private static void sigmoidChunk(float[] in, int inOff, float[] out, int outOff, int n) {
    int bound = SPECIES.loopBound(n);
    for (int i = 0; i < bound; i += LANES) {
      FloatVector.fromArray(SPECIES, in, inOff + i).abs().neg().intoArray(out, outOff + i);
    }
    expChunk(out, outOff, out, outOff, bound);
    for (int i = 0; i < bound; i += LANES) {
      VectorMask<Float> positive =
          FloatVector.fromArray(SPECIES, in, inOff + i)
              .compare(VectorOperators.GE, FloatVector.zero(SPECIES));
      FloatVector e = FloatVector.fromArray(SPECIES, out, outOff + i);
      FloatVector one = FloatVector.broadcast(SPECIES, 1f);
      e.blend(one, positive).div(e.add(one)).intoArray(out, outOff + i);
    }
    for (int i = bound; i < n; i++) {
      out[outOff + i] = FloatMath.sigmoid(in[inOff + i]);
    }
  }

  @Override
  public void gelu(float[] in, int inOff, float[] out, int outOff, int n) {
    ScalarArrayMath.checkRuns(in, inOff, out, outOff, n);
    for (int start = 0; start < n; start += CHUNK) {
      geluChunk(in, inOff + start, out, outOff + start, Math.min(CHUNK, n - start));
    }
  }

  /** {@link FloatMath#gelu}, {@code x * sigmoid(u2)}, in passes as {@link #sigmoidChunk}. */
  private static void geluChunk(float[] in, int inOff, float[] out, int outOff, int n) {
    int bound = SPECIES.loopBound(n);
    geluExps(in, inOff, out, outOff, bound);
    for (int i = 0; i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, in, inOff + i);
      // u2 has the sign of x (its other factor is positive), including -0 and NaN.
      VectorMask<Float> positive = x.compare(VectorOperators.GE, FloatVector.zero(SPECIES));
      FloatVector e = FloatVector.fromArray(SPECIES, out, outOff + i);
      FloatVector one = FloatVector.broadcast(SPECIES, 1f);
      x.mul(e.blend(one, positive).div(e.add(one))).intoArray(out, outOff + i);
    }
    for (int i = bound; i < n; i++) {
      out[outOff + i] = FloatMath.gelu(in[inOff + i]);
    }
  }

  /**
   * {@code exp(-|2u|)} of gelu's argument for the first {@code bound} elements (a multiple of the
   * lanes) of {@code in}, into {@code out}: the exp that gelu and its slope share.
   */
  private static void geluExps(float[] in, int inOff, float[] out, int outOff, int bound) {
    for (int i = 0; i < bound; i += LANES) {
      FloatVector x = FloatVector.fromArray(SPECIES, in, inOff + i);
      x.mul(x)
          .fma(FloatVector.broadcast(SPECIES, FloatMath.GELU_K1),
              FloatVector.broadcast(SPECIES, FloatMath.GELU_K0))
          .mul(x)
          .abs()
          .neg()
          .intoArray(out, outOff + i);
    }
    expChunk(out, outOff, out, outOff, bound);
  }

  @Override
  public void geluGrad(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
    ScalarArrayMath.checkRuns(x, xOff, out, outOff, n);
    Objects.checkFromIndexSize(gOff, n, g.length);
    float[] es = new float[Math.min(n, CHUNK)];
    for (int start = 0; start < n; start += CHUNK) {
      geluGradChunk(x, xOff + start, g, gOff + start, out, outOff + start, Math.min(CHUNK, n - start), es);
    }
  }

  /** {@link FloatMath#geluSlope} times g, in passes as {@link #geluChunk}; {@code es} is scratch. */
  private static void geluGradChunk(
      float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n, float[] es) {
    int bound = SPECIES.loopBound(n);
    geluExps(x, xOff, es, 0, bound);
    FloatVector one = FloatVector.broadcast(SPECIES, 1f);
    FloatVector limit = FloatVector.broadcast(SPECIES, FloatMath.GELU_SLOPE_LIMIT);
    for (int i = 0; i < bound; i += LANES) {
      FloatVector v = FloatVector.fromArray(SPECIES, x, xOff + i);
      VectorMask<Float> positive = v.compare(VectorOperators.GE, FloatVector.zero(SPECIES));
      FloatVector e = FloatVector.fromArray(SPECIES, es, i);
      FloatVector onePlusE = e.add(one);
      FloatVector s = e.blend(one, positive).div(onePlusE);
      FloatVector c = v.min(limit).max(limit.neg());
      FloatVector slope = v.mul(e.div(onePlusE.mul(onePlusE)))
          .fma(c.mul(c).fma(FloatVector.broadcast(SPECIES, FloatMath.GELU_K1_3),
              FloatVector.broadcast(SPECIES, FloatMath.GELU_K0)), s);
      FloatVector.fromArray(SPECIES, g, gOff + i).mul(slope).intoArray(out, outOff + i);
    }
    for (int i = bound; i < n; i++) {
      out[outOff + i] = g[gOff + i] * FloatMath.geluSlope(x[xOff + i]);
    }
  }

  @Override
  public float sum(float[] x, int off, int n) {
    Objects.checkFromIndexSize(off, n, x.length);
    double total = 0;
    for (int start = 0; start < n; start += CHUNK) {
      total += sumChunk(x, off + start, Math.min(CHUNK, n - start));
    }
    return (float) total;
  }

  private static double sumChunk(float[] x, int off, int n) {
    FloatVector s = FloatVector.zero(SPECIES);
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      s = s.add(FloatVector.fromArray(SPECIES, x, off + i));
    }
    double total = s.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      total += x[off + i];
    }
    return total;
  }

  @Override
  public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(yOff, n, y.length);
    double total = 0;
    for (int start = 0; start < n; start += CHUNK) {
      total += dotChunk(x, xOff + start, y, yOff + start, Math.min(CHUNK, n - start));
    }
    return (float) total;
  }

  private static double dotChunk(float[] x, int xOff, float[] y, int yOff, int n) {
    FloatVector s = FloatVector.zero(SPECIES);
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector xv = FloatVector.fromArray(SPECIES, x, xOff + i);
      s = xv.fma(FloatVector.fromArray(SPECIES, y, yOff + i), s);
    }
    double total = s.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      total += (double) x[xOff + i] * y[yOff + i];
    }
    return total;
  }

  @Override
  public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    ScalarArrayMath.checkRuns(x, xOff, y, yOff, n);
    for (int start = 0; start < n; start += CHUNK) {
      axpyChunk(Math.min(CHUNK, n - start), alpha, x, xOff + start, y, yOff + start);
    }
  }

  private static void axpyChunk(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
    FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector yv = FloatVector.fromArray(SPECIES, y, yOff + i);
      FloatVector.fromArray(SPECIES, x, xOff + i).fma(alphas, yv).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  @Override
  public void axpyTo(
      int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
    ScalarArrayMath.checkRuns(x, xOff, y, yOff, n);
    Objects.checkFromIndexSize(outOff, n, out.length);
    for (int start = 0; start < n; start += CHUNK) {
      axpyToChunk(Math.min(CHUNK, n - start), alpha, x, xOff + start, y, yOff + start, out,
          outOff + start);
    }
  }

  private static void axpyToChunk(
      int n, float alpha, float[] x, int xOff, float[] y, int yOff, float[] out, int outOff) {
    FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      FloatVector yv = FloatVector.fromArray(SPECIES, y, yOff + i);
      FloatVector.fromArray(SPECIES, x, xOff + i).fma(alphas, yv).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
    }
  }

  @Override
  public void gemv(
      boolean trans,
      int m,
      int n,
      float alpha,
      float[] a,
      int aOff,
      int lda,
      float[] x,
      int xOff,
      int incx,
      float[] y,
      int yOff,
      int incy) {
    if (!trans && incx == 1 && n <= 4 * ROW_LANES) {
      ScalarArrayMath.checkMatrixVectors(m, n, a, aOff, lda, x, xOff, incx, n, y, yOff, incy, m);
      shortRowDots(m, n, alpha, a, aOff, lda, x, xOff, y, yOff, incy);
    } else if (!trans && incx == 1 && n <= CHUNK) {
      ScalarArrayMath.checkMatrixVectors(m, n, a, aOff, lda, x, xOff, incx, n, y, yOff, incy, m);
      for (int i = 0; i < m; i++) {
        y[yOff + i * incy] += alpha * rowDot(a, aOff + i * lda, x, xOff, n);
      }
    } else if (trans && incy == 1) {
      ScalarArrayMath.checkMatrixVectors(m, n, a, aOff, lda, x, xOff, incx, m, y, yOff, incy, n);
      sumOfScaledRows(m, n, alpha, a, aOff, lda, x, xOff, incx, y, yOff);
    } else {
      SCALAR.gemv(trans, m, n, alpha, a, aOff, lda, x, xOff, incx, y, yOff, incy);
    }
  }

  /**
   * {@code y += alpha * A x} for rows of at most four vectors: x stays in registers, each row is
   * at most four multiply-adds and one reduction (see {@link #rowDot}).
   */
  private static void shortRowDots(
      int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, float[] y,
      int yOff, int incy) {
    int vectors = n / ROW_LANES;
    FloatVector zero = FloatVector.zero(ROW_SPECIES);
    FloatVector x0 = vectors > 0 ? FloatVector.fromArray(ROW_SPECIES, x, xOff) : zero;
    FloatVector x1 = vectors > 1 ? FloatVector.fromArray(ROW_SPECIES, x, xOff + ROW_LANES) : zero;
    FloatVector x2 =
        vectors > 2 ? FloatVector.fromArray(ROW_SPECIES, x, xOff + 2 * ROW_LANES) : zero;
    FloatVector x3 =
        vectors > 3 ? FloatVector.fromArray(ROW_SPECIES, x, xOff + 3 * ROW_LANES) : zero;
    for (int i = 0, row = aOff; i < m; i++, row += lda) {
      FloatVector s = zero;
      FloatVector t = zero;
      if (vectors > 0) {
        s = FloatVector.fromArray(ROW_SPECIES, a, row).mul(x0);
      }
      if (vectors > 1) {
        t = FloatVector.fromArray(ROW_SPECIES, a, row + ROW_LANES).mul(x1);
      }
      if (vectors > 2) {
        s = FloatVector.fromArray(ROW_SPECIES, a, row + 2 * ROW_LANES).fma(x2, s);
      }
      if (vectors > 3) {
        t = FloatVector.fromArray(ROW_SPECIES, a, row + 3 * ROW_LANES).fma(x3, t);
      }
      float sum = s.add(t).reduceLanes(VectorOperators.ADD);
      for (int j = vectors * ROW_LANES; j < n; j++) {
        sum = Math.fma(a[row + j], x[xOff + j], sum);
      }
      y[yOff + i * incy] += alpha * sum;
    }
  }

  /**
   * The dot product of a short row and x, in lanes of at most 256 bits: one product per row ends
   * in a reduction across lanes, which costs about three times as much for 512 bits (measured:
   * 1000 rows of 32, 7.5 us with 16 lanes, 2.8 us with 8 lanes and two accumulators).
   */
  private static float rowDot(float[] a, int aOff, float[] x, int xOff, int n) {
    FloatVector s = FloatVector.zero(ROW_SPECIES);
    FloatVector t = FloatVector.zero(ROW_SPECIES);
    int j = 0;
    for (; j + 2 * ROW_LANES <= n; j += 2 * ROW_LANES) {
      s = FloatVector.fromArray(ROW_SPECIES, a, aOff + j)
          .fma(FloatVector.fromArray(ROW_SPECIES, x, xOff + j), s);
      t = FloatVector.fromArray(ROW_SPECIES, a, aOff + j + ROW_LANES)
          .fma(FloatVector.fromArray(ROW_SPECIES, x, xOff + j + ROW_LANES), t);
    }
    if (j + ROW_LANES <= n) {
      s = FloatVector.fromArray(ROW_SPECIES, a, aOff + j)
          .fma(FloatVector.fromArray(ROW_SPECIES, x, xOff + j), s);
      j += ROW_LANES;
    }
    float sum = s.add(t).reduceLanes(VectorOperators.ADD);
    for (; j < n; j++) {
      sum = Math.fma(a[aOff + j], x[xOff + j], sum);
    }
    return sum;
  }

  /**
   * {@code y += alpha * sum_i x[i] * A[i, :]}, one band of columns at a time: the band's sums stay
   * in registers while the rows stream past, so y is read and written once. Each band width is its
   * own small method: JDK 17's C2 stops inlining the Vector API in a method with several vector
   * loops, and the vectors it then boxes make the loop ten times slower.
   */
  private static void sumOfScaledRows(
      int m, int n, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, int incx,
      float[] y, int yOff) {
    int j = 0;
    for (; j + 2 * LANES <= n; j += 2 * LANES) {
      sumOfScaledRows2(m, alpha, a, aOff + j, lda, x, xOff, incx, y, yOff + j);
    }
    for (; j + LANES <= n; j += LANES) {
      sumOfScaledRows1(m, alpha, a, aOff + j, lda, x, xOff, incx, y, yOff + j);
    }
    for (; j < n; j++) {
      float s = 0;
      for (int i = 0, at = aOff + j; i < m; i++, at += lda) {
        s = Math.fma(x[xOff + i * incx], a[at], s);
      }
      y[yOff + j] = Math.fma(alpha, s, y[yOff + j]);
    }
  }

  /** {@link #sumOfScaledRows} for one band of two vectors. */
  private static void sumOfScaledRows2(
      int m, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, int incx, float[] y,
      int yOff) {
    FloatVector s0 = FloatVector.zero(SPECIES);
    FloatVector s1 = FloatVector.zero(SPECIES);
    for (int i = 0, row = aOff; i < m; i++, row += lda) {
      FloatVector t = FloatVector.broadcast(SPECIES, x[xOff + i * incx]);
      s0 = FloatVector.fromArray(SPECIES, a, row).fma(t, s0);
      s1 = FloatVector.fromArray(SPECIES, a, row + LANES).fma(t, s1);
    }
    FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
    s0.fma(alphas, FloatVector.fromArray(SPECIES, y, yOff)).intoArray(y, yOff);
    s1.fma(alphas, FloatVector.fromArray(SPECIES, y, yOff + LANES)).intoArray(y, yOff + LANES);
  }

  /** {@link #sumOfScaledRows} for one band of one vector. */
  private static void sumOfScaledRows1(
      int m, float alpha, float[] a, int aOff, int lda, float[] x, int xOff, int incx, float[] y,
      int yOff) {
    FloatVector s0 = FloatVector.zero(SPECIES);
    for (int i = 0, row = aOff; i < m; i++, row += lda) {
      FloatVector t = FloatVector.broadcast(SPECIES, x[xOff + i * incx]);
      s0 = FloatVector.fromArray(SPECIES, a, row).fma(t, s0);
    }
    FloatVector alphas = FloatVector.broadcast(SPECIES, alpha);
    s0.fma(alphas, FloatVector.fromArray(SPECIES, y, yOff)).intoArray(y, yOff);
  }

  @Override
  public void ger(
      int m,
      int n,
      float alpha,
      float[] x,
      int xOff,
      int incx,
      float[] y,
      int yOff,
      int incy,
      float[] a,
      int aOff,
      int lda) {
    if (incy != 1) {
      SCALAR.ger(m, n, alpha, x, xOff, incx, y, yOff, incy, a, aOff, lda);
      return;
    }
    ScalarArrayMath.checkMatrixVectors(m, n, a, aOff, lda, x, xOff, incx, m, y, yOff, incy, n);
    // A band of y stays in registers while the rows of A stream past; one method per band width,
    // as in sumOfScaledRows.
    int j = 0;
    for (; j + 2 * LANES <= n; j += 2 * LANES) {
      ger2(m, alpha, x, xOff, incx, y, yOff + j, a, aOff + j, lda);
    }
    for (; j + LANES <= n; j += LANES) {
      ger1(m, alpha, x, xOff, incx, y, yOff + j, a, aOff + j, lda);
    }
    for (; j < n; j++) {
      float yj = y[yOff + j];
      for (int i = 0, at = aOff + j; i < m; i++, at += lda) {
        a[at] = Math.fma(alpha * x[xOff + i * incx], yj, a[at]);
      }
    }
  }

  /** {@link #ger} for one band of two vectors. */
  private static void ger2(
      int m, float alpha, float[] x, int xOff, int incx, float[] y, int yOff, float[] a, int aOff,
      int lda) {
    FloatVector y0 = FloatVector.fromArray(SPECIES, y, yOff);
    FloatVector y1 = FloatVector.fromArray(SPECIES, y, yOff + LANES);
    for (int i = 0, row = aOff; i < m; i++, row += lda) {
      FloatVector t = FloatVector.broadcast(SPECIES, alpha * x[xOff + i * incx]);
      y0.fma(t, FloatVector.fromArray(SPECIES, a, row)).intoArray(a, row);
      y1.fma(t, FloatVector.fromArray(SPECIES, a, row + LANES)).intoArray(a, row + LANES);
    }
  }

  /** {@link #ger} for one band of one vector. */
  private static void ger1(
      int m, float alpha, float[] x, int xOff, int incx, float[] y, int yOff, float[] a, int aOff,
      int lda) {
    FloatVector y0 = FloatVector.fromArray(SPECIES, y, yOff);
    for (int i = 0, row = aOff; i < m; i++, row += lda) {
      FloatVector t = FloatVector.broadcast(SPECIES, alpha * x[xOff + i * incx]);
      y0.fma(t, FloatVector.fromArray(SPECIES, a, row)).intoArray(a, row);
    }
  }

  @Override
  public void adam(
      float[] k, float[] g, float[] mu, float[] nu, float[] p, float[] newMu, float[] newNu, float[] out, int n) {
    if (n < PARALLEL_ADAM_FROM) {
      adamRange(k, g, mu, nu, p, newMu, newNu, out, 0, n);
      return;
    }
    KernelThreads.runBands(n, LANES, KernelThreads.PARALLELISM,
        (first, count) -> adamRange(k, g, mu, nu, p, newMu, newNu, out, first, first + count));
  }

  /** Adam on elements {@code [from, to)}. */
  private static void adamRange(
      float[] k, float[] g, float[] mu, float[] nu, float[] p, float[] newMu, float[] newNu, float[] out,
      int from, int to) {
    FloatVector b1 = FloatVector.broadcast(SPECIES, k[0]);
    FloatVector oneMinusB1 = FloatVector.broadcast(SPECIES, k[1]);
    FloatVector b2 = FloatVector.broadcast(SPECIES, k[2]);
    FloatVector oneMinusB2 = FloatVector.broadcast(SPECIES, k[3]);
    FloatVector epsRoot = FloatVector.broadcast(SPECIES, k[4]);
    FloatVector eps = FloatVector.broadcast(SPECIES, k[5]);
    FloatVector muCorrection = FloatVector.broadcast(SPECIES, k[6]);
    FloatVector nuCorrection = FloatVector.broadcast(SPECIES, k[7]);
    FloatVector scale = FloatVector.broadcast(SPECIES, k[8]);
    int i = from;
    // The scalar loop's operations, lane by lane and in its order, so results are the same bits.
    for (int bound = from + SPECIES.loopBound(to - from); i < bound; i += LANES) {
      FloatVector gi = FloatVector.fromArray(SPECIES, g, i);
      FloatVector m = gi.mul(oneMinusB1).add(FloatVector.fromArray(SPECIES, mu, i).mul(b1));
      FloatVector v = gi.mul(gi).mul(oneMinusB2).add(FloatVector.fromArray(SPECIES, nu, i).mul(b2));
      FloatVector u = m.div(muCorrection).div(v.div(nuCorrection).add(epsRoot).sqrt().add(eps)).mul(scale);
      if (p != null) {
        u = FloatVector.fromArray(SPECIES, p, i).add(u);
      }
      m.intoArray(newMu, i);
      v.intoArray(newNu, i);
      u.intoArray(out, i);
    }
    for (; i < to; i++) {
      float gi = g[i];
      float m = gi * k[1] + mu[i] * k[0];
      float v = gi * gi * k[3] + nu[i] * k[2];
      newMu[i] = m;
      newNu[i] = v;
      float u = m / k[6] / ((float) Math.sqrt(v / k[7] + k[4]) + k[5]) * k[8];
      out[i] = p == null ? u : p[i] + u;
    }
  }

  @Override
  public void reluGrad(float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
    ScalarArrayMath.checkRuns(x, xOff, out, outOff, n);
    Objects.checkFromIndexSize(gOff, n, g.length);
    for (int start = 0; start < n; start += CHUNK) {
      reluGradChunk(x, xOff + start, g, gOff + start, out, outOff + start,
          Math.min(CHUNK, n - start));
    }
  }

  private static void reluGradChunk(
      float[] x, int xOff, float[] g, int gOff, float[] out, int outOff, int n) {
    FloatVector zero = FloatVector.zero(SPECIES);
    int i = 0;
    for (int bound = SPECIES.loopBound(n); i < bound; i += LANES) {
      VectorMask<Float> positive =
          FloatVector.fromArray(SPECIES, x, xOff + i).compare(VectorOperators.GT, zero);
      zero.blend(FloatVector.fromArray(SPECIES, g, gOff + i), positive).intoArray(out, outOff + i);
    }
    for (; i < n; i++) {
      out[outOff + i] = x[xOff + i] > 0 ? g[gOff + i] : 0f;
    }
  }

  @Override
  public boolean vectorised() {
    return true;
  }

  @Override
  public String name() {
    return "vector";
  }

  private static FloatVector powerOfTwo(IntVector n) {
    return n.add(IntVector.broadcast(INT_SPECIES, 127))
        .lanewise(VectorOperators.LSHL, IntVector.broadcast(INT_SPECIES, 23))
        .reinterpretAsFloats();
  }

}
