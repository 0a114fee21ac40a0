package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which results the narrow kernel takes; SgemmTest checks what it computes. Widths stay below 4,
 * the fewest lanes a preferred float vector has, so the test holds on any machine.
 */
class VectorNarrowSgemmTest {

  @Test
  void takesTallResultsNarrowerThanAVector() {
    assertTrue(VectorNarrowSgemm.suits(1024, 3));
    assertTrue(VectorNarrowSgemm.suits(8, 2));
  }

  @Test
  void leavesMatrixVectorProductsShortResultsAndWideOnesToOthers() {
    assertFalse(VectorNarrowSgemm.suits(256, 1), "a matrix-vector product is gemv's");
    assertFalse(VectorNarrowSgemm.suits(7, 3), "fewer rows than a tile");
    assertFalse(VectorNarrowSgemm.suits(1024, 64), "wider than any vector: VectorSgemm's");
  }
}
