package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.shape.ShapeMismatchException;
import org.junit.jupiter.api.Test;

/** Creation, reading, dtypes, forward values of ops and the errors they give. */
class TensorTest {
  private static Tensor t(float[] data, int... shape) {
    return Tensor.of(data, shape);
  }

  @Test
  void creation() {
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, Tensor.zeros(2, 3).toFloatArray());
    assertArrayEquals(new float[] {1, 1}, Tensor.ones(2).toFloatArray());
    assertArrayEquals(new float[] {7, 7, 7}, Tensor.full(7, 3).toFloatArray());
    assertArrayEquals(new int[] {0, 1, 2, 3}, Tensor.arange(4).toIntArray());
    assertEquals(DType.INT32, Tensor.arange(4).dtype());
    assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1}, Tensor.linspace(0, 1, 5).toFloatArray());
    assertArrayEquals(new int[] {2, 3}, Tensor.zerosLike(Tensor.ones(2, 3)).shape());
    assertArrayEquals(new float[] {1, 1}, Tensor.onesLike(Tensor.zeros(2)).toFloatArray());
    assertArrayEquals(new int[] {1, 0, 1, 1}, Tensor.tril(2).toIntArray());
    assertArrayEquals(new int[] {1, 1, 0, 1}, Tensor.triu(2).toIntArray());
    assertEquals(DType.BOOL, Tensor.tril(2).dtype());
    assertEquals(2.5f, Tensor.scalar(2.5f).item());
    assertEquals(0, Tensor.scalar(1).rank());
  }

  @Test
  void creationCopiesItsInput() {
    float[] data = {1, 2};
    Tensor x = Tensor.of(data, 2);
    data[0] = 9;
    x.toFloatArray()[1] = 9;
    assertArrayEquals(new float[] {1, 2}, x.toFloatArray());
  }

  @Test
  void badShapesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[5], 2, 3));
    assertTrue(e.getMessage().contains("5 elements") && e.getMessage().contains("[2, 3]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(-1));
    assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).item());
  }

  @Test
  void reading() {
    Tensor x = Tensor.zeros(2, 3, 4);
    assertArrayEquals(new int[] {2, 3, 4}, x.shape());
    assertEquals(3, x.rank());
    assertEquals(4, x.dim(-1));
    assertEquals(2, x.dim(0));
    assertEquals(24, x.size());
    assertEquals(DType.FLOAT32, x.dtype());
    x.shape()[0] = 7;
    assertEquals(2, x.dim(0), "shape() is a copy");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.dim(3));
    assertTrue(e.getMessage().contains("axis 3") && e.getMessage().contains("rank 3"), e.getMessage());
    assertTrue(Tensor.ones(2).isFinite());
    assertFalse(Tensor.of(new float[] {1, Float.NaN}, 2).isFinite());
    assertArrayEquals(new int[] {1, -2}, t(new float[] {1.7f, -2.7f}, 2).toIntArray());
  }

  @Test
  void elementwiseValues() {
    Tensor x = t(new float[] {-2, -0.5f, 0.5f, 2}, 4);
    assertArrayEquals(new float[] {0, 0, 0.5f, 2}, x.relu().toFloatArray());
    assertArrayEquals(new float[] {2, 0.5f, 0.5f, 2}, x.abs().toFloatArray());
    assertArrayEquals(new float[] {-1, -1, 1, 1}, x.sign().toFloatArray());
    assertArrayEquals(new float[] {4, 0.25f, 0.25f, 4}, x.square().toFloatArray());
    float[] tanh = x.tanh().toFloatArray();
    float[] sigmoid = x.sigmoid().toFloatArray();
    float[] gelu = x.gelu().toFloatArray();
    for (int i = 0; i < 4; i++) {
      double v = x.toFloatArray()[i];
      assertEquals(Math.tanh(v), tanh[i], 1e-6);
      assertEquals(1 / (1 + Math.exp(-v)), sigmoid[i], 1e-6);
      assertEquals(0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))), gelu[i], 1e-6);
    }
    assertArrayEquals(new float[] {0, 1}, t(new float[] {-1000, 1000}, 2).sigmoid().toFloatArray());
    assertArrayEquals(new float[] {-1, 1}, t(new float[] {-1000, 1000}, 2).tanh().toFloatArray());
    assertArrayEquals(new float[] {2, 0.5f}, t(new float[] {4, 0.25f}, 2).sqrt().toFloatArray());
    assertArrayEquals(new float[] {0.5f, 2}, t(new float[] {4, 0.25f}, 2).rsqrt().toFloatArray());
    assertArrayEquals(new float[] {8, 0.25f}, t(new float[] {2, 0.5f}, 2).pow(t(new float[] {3, 2}, 2)).toFloatArray());
  }

  @Test
  void broadcasting() {
    Tensor a = t(new float[] {1, 2, 3}, 3, 1);
    Tensor b = t(new float[] {10, 20}, 2);
    assertArrayEquals(new int[] {3, 2}, a.add(b).shape());
    assertArrayEquals(new float[] {11, 21, 12, 22, 13, 23}, a.add(b).toFloatArray());
    assertArrayEquals(new float[] {-9, -19, -8, -18, -7, -17}, a.sub(b).toFloatArray());
    assertArrayEquals(new float[] {2, 4, 6}, a.mul(2).reshape(3).toFloatArray());
    assertArrayEquals(new float[] {10, 5}, Tensor.scalar(20).div(t(new float[] {2, 4}, 2)).toFloatArray());
    assertArrayEquals(new float[] {10, 20, 10, 20, 10, 20}, a.maximum(b).toFloatArray());
    assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3}, a.minimum(b).toFloatArray());
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(3, 4).add(Tensor.zeros(5)));
    assertTrue(e.getMessage().startsWith("add:") && e.getMessage().contains("[3, 4]") && e.getMessage().contains("[5]"), e.getMessage());
  }

  @Test
  void longRowBroadcastsAndTheirSums() {
    // 300 rows of 7: long enough to be added and summed in tiles of whole rows, with a remainder.
    float[] a = new float[2100];
    float[] b = new float[7];
    for (int i = 0; i < a.length; i++) {
      a[i] = (i % 13) - 6.5f;
    }
    for (int j = 0; j < b.length; j++) {
      b[j] = j * 0.25f;
    }
    float[] sum = new float[2100];
    float[] difference = new float[2100];
    float[] columns = new float[7];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i] + b[i % 7];
      difference[i] = a[i] - b[i % 7];
      columns[i % 7] += a[i];
    }
    Tensor x = Tensor.of(a, 300, 7);
    Tensor row = Tensor.of(b, 7);
    assertArrayEquals(sum, x.add(row).toFloatArray());
    assertArrayEquals(difference, x.sub(row).toFloatArray());
    assertArrayEquals(columns, x.sum(0).toFloatArray(), 1e-4f);
    assertArrayEquals(columns, x.reshape(3, 100, 7).sum(new int[] {0, 1}, false).toFloatArray(), 1e-4f);
  }

  @Test
  void comparisonsAndWhere() {
    Tensor x = t(new float[] {1, 2, 3}, 3);
    assertArrayEquals(new int[] {0, 0, 1}, x.gt(2).toIntArray());
    assertArrayEquals(new int[] {0, 1, 1}, x.ge(2).toIntArray());
    assertArrayEquals(new int[] {1, 0, 0}, x.lt(2).toIntArray());
    assertArrayEquals(new int[] {1, 1, 0}, x.le(2).toIntArray());
    assertArrayEquals(new int[] {0, 1, 0}, x.eq(2).toIntArray());
    assertArrayEquals(new int[] {1, 0, 1}, x.ne(2).toIntArray());
    assertEquals(DType.BOOL, x.gt(2).dtype());
    assertArrayEquals(new int[] {0, 1, 0}, Tensor.arange(3).eq(Tensor.ofInts(new int[] {1}, 1)).toIntArray());
    assertArrayEquals(new float[] {1, 0, 3}, Tensor.where(x.ne(2), x, Tensor.scalar(0)).toFloatArray());
    Tensor ints = Tensor.where(Tensor.ofBools(new boolean[] {true, false}, 2), Tensor.ofInts(new int[] {1, 2}, 2), Tensor.ofInts(new int[] {7}, 1));
    assertEquals(DType.INT32, ints.dtype());
    assertArrayEquals(new int[] {1, 7}, ints.toIntArray());
  }

  @Test
  void dtypes() {
    Tensor labels = Tensor.ofInts(new int[] {1, 2, 3}, 3);
    assertEquals(DType.INT32, labels.add(labels).dtype());
    assertArrayEquals(new int[] {2, 4, 6}, labels.mul(Tensor.ofInts(new int[] {2}, 1)).toIntArray());
    assertEquals(DType.FLOAT32, labels.add(0.5f).dtype());
    assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f}, labels.add(0.5f).toFloatArray());
    assertArrayEquals(new float[] {0.5f, 1, 1.5f}, labels.div(Tensor.ofInts(new int[] {2}, 1)).toFloatArray());
    assertArrayEquals(new float[] {1, 0}, Tensor.ofBools(new boolean[] {true, false}, 2).asType(DType.FLOAT32).toFloatArray());
    assertArrayEquals(new int[] {1, 0, 1}, t(new float[] {-0.5f, 0, 2}, 3).asType(DType.BOOL).toIntArray());
    assertEquals(6f, labels.sum().item());
  }

  @Test
  void reductions() {
    Tensor x = t(new float[] {1, 5, 3, 4, 2, 6}, 2, 3);
    assertEquals(21f, x.sum().item());
    assertArrayEquals(new float[] {5, 7, 9}, x.sum(0).toFloatArray());
    assertArrayEquals(new int[] {2, 1}, x.sum(1, true).shape());
    assertArrayEquals(new float[] {9, 12}, x.sum(-1).toFloatArray());
    assertEquals(3.5f, x.mean().item());
    assertArrayEquals(new float[] {3, 4}, x.mean(1).toFloatArray());
    assertArrayEquals(new float[] {5, 6}, x.max(1).toFloatArray());
    assertArrayEquals(new float[] {1, 2, 3}, x.min(0).toFloatArray());
    assertEquals(6f, x.max().item());
    assertEquals(21f, x.sum(new int[] {0, 1}, false).item());
    assertArrayEquals(new int[] {1, 2}, x.argmax(1).toIntArray());
    assertArrayEquals(new int[] {1, 0, 1}, x.argmax(0).toIntArray());
    assertEquals(DType.INT32, x.argmax(0).dtype());
    assertArrayEquals(new float[] {8f / 3, 8f / 3}, x.var(1, false).toFloatArray(), 1e-6f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.sum(2));
    assertTrue(e.getMessage().startsWith("sum: axis 2") && e.getMessage().contains("rank 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> x.mean(new int[] {0, -2}, false));
  }

  @Test
  void softmaxFamilyIsStable() {
    Tensor x = t(new float[] {1000, 1001, -1000, -1001}, 2, 2);
    float[] softmax = x.softmax(1).toFloatArray();
    float e = (float) (1 / (1 + Math.exp(1)));
    assertArrayEquals(new float[] {e, 1 - e, 1 - e, e}, softmax, 1e-6f);
    assertArrayEquals(new float[] {1001 + (float) Math.log1p(Math.exp(-1)), -1000 + (float) Math.log1p(Math.exp(-1))},
        x.logsumexp(1).toFloatArray(), 1e-3f);
    assertArrayEquals(new float[] {(float) Math.log(e), (float) Math.log(1 - e)}, x.logSoftmax(-1).slice(0, 0, 1).reshape(2).toFloatArray(), 1e-5f);
    Tensor masked = t(new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY}, 2);
    assertEquals(Float.NEGATIVE_INFINITY, masked.logsumexp(0).item());
  }

  @Test
  void shapeOps() {
    Tensor x = t(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
    assertArrayEquals(new int[] {3, 2}, x.reshape(-1, 2).shape());
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, x.transpose().toFloatArray());
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, x.swapaxes(0, 1).toFloatArray());
    assertArrayEquals(new int[] {2, 1, 3}, x.expandDims(1).shape());
    assertArrayEquals(new int[] {2, 3, 1}, x.expandDims(-1).shape());
    assertArrayEquals(new int[] {2, 3}, x.expandDims(0).squeeze(0).shape());
    assertArrayEquals(new float[] {1, 2, 4, 5}, x.slice(1, 1, 3).toFloatArray());
    assertArrayEquals(new float[] {0, 1, 2, 0, 1, 2}, x.slice(0, 0, 1).broadcastTo(2, 3).toFloatArray());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 0, 1, 2}, Tensor.concat(0, x, x.slice(0, 0, 1)).toFloatArray());
    assertArrayEquals(new int[] {2, 2, 3}, Tensor.stack(0, x, x).shape());
    assertArrayEquals(new float[] {0, 0, 1, 1, 2, 2}, Tensor.stack(-1, x.slice(0, 0, 1).reshape(3), x.slice(0, 0, 1).reshape(3)).toFloatArray());
    assertArrayEquals(new float[] {3, 4, 5, 0, 1, 2, 3, 4, 5}, x.take(Tensor.ofInts(new int[] {1, 0, -1}, 3)).toFloatArray());
    assertArrayEquals(new int[] {2, 2, 2}, x.take(Tensor.ofInts(new int[] {2, 0, 1, 1}, 2, 2), 1).shape());
    assertArrayEquals(new float[] {2, 0, 1, 1, 5, 3, 4, 4}, x.take(Tensor.ofInts(new int[] {2, 0, 1, 1}, 2, 2), 1).toFloatArray());
    assertArrayEquals(new int[] {5, 3}, Tensor.ofInts(new int[] {3, 5}, 2).take(Tensor.ofInts(new int[] {1, 0}, 2)).toIntArray());
  }

  @Test
  void shapeOpErrors() {
    Tensor x = Tensor.zeros(2, 3);
    assertThrows(ShapeMismatchException.class, () -> x.reshape(4, 2));
    assertThrows(ShapeMismatchException.class, () -> x.reshape(-1, 4));
    assertThrows(IllegalArgumentException.class, () -> x.reshape(-1, -1));
    assertThrows(IllegalArgumentException.class, () -> x.transpose(0, 0));
    assertThrows(IllegalArgumentException.class, () -> x.transpose(0));
    assertThrows(ShapeMismatchException.class, () -> x.squeeze(0));
    assertThrows(ShapeMismatchException.class, () -> x.broadcastTo(2, 4));
    assertThrows(IllegalArgumentException.class, () -> x.slice(1, 2, 5));
    IllegalArgumentException axis = assertThrows(IllegalArgumentException.class, () -> x.slice(2, 0, 1));
    assertTrue(axis.getMessage().startsWith("slice: axis 2"), axis.getMessage());
    ShapeMismatchException concat = assertThrows(ShapeMismatchException.class, () -> Tensor.concat(0, x, Tensor.zeros(2, 2)));
    assertTrue(concat.getMessage().contains("[2, 3]") && concat.getMessage().contains("[2, 2]"), concat.getMessage());
    assertThrows(ShapeMismatchException.class, () -> Tensor.stack(0, x, Tensor.zeros(3, 2)));
    assertThrows(IndexOutOfBoundsException.class, () -> x.take(Tensor.ofInts(new int[] {2}, 1)));
    assertThrows(IllegalArgumentException.class, () -> x.take(Tensor.zeros(1)));
  }

  @Test
  void matmulShapesAndErrors() {
    Tensor a = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor v = t(new float[] {1, 0, -1}, 3);
    assertArrayEquals(new float[] {-2, -2}, a.matmul(v).toFloatArray());
    assertEquals(2f, v.matmul(v).item());
    assertArrayEquals(new float[] {14, 32, 32, 77}, a.matmul(a.transpose()).toFloatArray());
    ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> Tensor.zeros(3, 4).matmul(Tensor.zeros(5, 2)));
    assertEquals("matmul: cannot multiply [3, 4] by [5, 2]: contracting axes 4 and 5 differ", e.getMessage());
    ShapeMismatchException batch = assertThrows(ShapeMismatchException.class,
        () -> Tensor.zeros(2, 3, 4).matmul(Tensor.zeros(3, 4, 5)));
    assertTrue(batch.getMessage().contains("[2, 3, 4]") && batch.getMessage().contains("[3, 4, 5]"), batch.getMessage());
    assertThrows(ShapeMismatchException.class, () -> Tensor.scalar(1).matmul(v));
  }

  @Test
  void detachKeepsTheValues() {
    Tensor x = Tensor.ones(2);
    assertSame(x, x.detach(), "an untracked tensor is its own detached value");
    assertTrue(x.toString().contains("[2]"));
  }
}
