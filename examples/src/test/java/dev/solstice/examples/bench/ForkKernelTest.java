package dev.solstice.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.solstice.runtime.kernel.Backend;
import java.lang.module.ModuleFinder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kernel the forks are told to use, and the JVM arguments that tell them. */
class ForkKernelTest {
  private static final boolean VECTOR_MODULE = ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();

  @Test
  void aRequestedKernelIsForcedOnTheForks() {
    ForkKernel kernel = ForkKernel.choose("JAVA");

    assertEquals(Backend.JAVA, kernel.backend());
    List<String> args = kernel.jvmArgs();
    assertEquals("-Dsolstice.kernel=java", args.get(args.size() - 1));
    assertEquals(VECTOR_MODULE, args.contains("jdk.incubator.vector"), "vector module added when present: " + args);
  }

  @Test
  void theDefaultIsTheBestBackendTheForksCanUse() {
    // The examples ship OpenBLAS, so the test class path has it.
    assertEquals(Backend.BLAS, ForkKernel.choose(null).backend());
  }

  @Test
  void anUnknownKernelIsRejectedNamingTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForkKernel.choose("cuda"));

    assertTrue(e.getMessage().startsWith("--kernel cuda names no kernel backend"), e.getMessage());
  }

  @Test
  void vectorIsAvailableExactlyWhenTheJdkHasTheModule() {
    if (VECTOR_MODULE) {
      assertEquals(Backend.VECTOR, ForkKernel.choose("vector").backend());
    } else {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForkKernel.choose("vector"));
      assertTrue(e.getMessage().contains("jdk.incubator.vector"), e.getMessage());
    }
  }
}
