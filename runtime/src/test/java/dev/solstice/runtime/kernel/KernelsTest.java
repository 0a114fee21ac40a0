package dev.solstice.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelsTest {

  @Test
  void prefersBlasThenVectorThenJava() {
    assertEquals(Backend.BLAS, Kernels.choose(null, () -> true, () -> true));
    assertEquals(Backend.VECTOR, Kernels.choose(null, () -> false, () -> true));
    assertEquals(Backend.JAVA, Kernels.choose("  ", () -> false, () -> false));
  }

  @Test
  void propertyForcesABackendWithoutProbingOthers() {
    assertEquals(
        Backend.JAVA,
        Kernels.choose(
            "java",
            () -> {
              throw new AssertionError("BLAS probed although forced");
            },
            () -> true));
    assertEquals(Backend.VECTOR, Kernels.choose("Vector", () -> true, () -> true));
    assertEquals(Backend.BLAS, Kernels.choose("blas", () -> false, () -> false));
  }

  @Test
  void unknownPropertyValueIsRejectedWithTheChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Kernels.choose("gpu", () -> true, () -> true));
    assertTrue(e.getMessage().contains("solstice.kernel=gpu"), e.getMessage());
    assertTrue(e.getMessage().contains("java, vector, blas"), e.getMessage());
  }

  @Test
  void summaryNamesTheBackendAndTheVectorApi() {
    // Surefire adds jdk.incubator.vector; the examples' tests check the summary without it.
    assertEquals(Kernels.backend().propertyValue() + " with the Vector API", Kernels.summary());
    assertEquals("java without the Vector API (-Dsolstice.kernel=java chose plain Java loops)",
        Kernels.summary(Backend.JAVA, false, null));
    assertEquals("blas without the Vector API (start the JVM with --add-modules jdk.incubator.vector)",
        Kernels.summary(Backend.BLAS, false, "start the JVM with --add-modules jdk.incubator.vector"));
  }

  @Test
  void everyBackendLoadsInTheTestJvm() {
    // The test class path has the OpenBLAS natives and surefire adds jdk.incubator.vector.
    for (Backend backend : Backend.values()) {
      assertTrue(Kernels.isAvailable(backend), backend + " unavailable");
      assertEquals(backend.propertyValue(), Kernels.sgemm(backend).name());
    }
    assertEquals("scalar", Kernels.math(Backend.JAVA).name());
    assertEquals("vector", Kernels.math(Backend.VECTOR).name());
    assertEquals("vector", Kernels.math(Backend.BLAS).name());
  }
}
