package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Which results the narrow kernel takes; SgemmTest checks what it computes. Widths stay below 8,
 * the lanes of the narrowest vector the kernel runs on (AVX2), so the test holds on any such
 * machine.
 */
class VectorNarrowSgemmTest {

  @Test
  void takesTallResultsNarrowerThanAVector() {
    assertTrue(VectorNarrowSgemm.suits(1024, 7, true));
    assertTrue(VectorNarrowSgemm.suits(8, 2, false));
  }

  @Test
  void leavesMatrixVectorProductsFewDotProductsShortAndWideResultsToOthers() {
    assertFalse(VectorNarrowSgemm.suits(256, 1, false), "a matrix-vector product is gemv's");
    assertFalse(VectorNarrowSgemm.suits(256, 4, true), "4 dot products per row are DirectSgemm's");
    assertFalse(VectorNarrowSgemm.suits(7, 3, false), "fewer rows than a tile");
    assertFalse(VectorNarrowSgemm.suits(1024, 64, true), "wider than any vector: VectorSgemm's");
  }
}
