package dev.solstice.examples.bench;

import dev.solstice.runtime.kernel.Backend;
import dev.solstice.runtime.kernel.Kernels;
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel backend the benchmark forks use, decided here and forced on them with {@code
 * -Dsolstice.kernel}, so that the backend the output names is the one that ran.
 *
 * <p>The forks also get {@code --add-modules jdk.incubator.vector} whenever this JDK has the
 * module, which neither {@code java -jar} nor a manifest can add; the vector backend needs it and
 * the others use its elementwise kernels.
 *
 * @param backend the backend every fork runs with
 * @param vectorModule whether this JDK has {@code jdk.incubator.vector}
 */
record ForkKernel(Backend backend, boolean vectorModule) {
  static final String VECTOR_MODULE = "jdk.incubator.vector";

  /**
   * The backend named by {@code requested} ({@code java}, {@code vector}, {@code blas}), or when it
   * is null the best one the forks can use, in the order {@link Kernels} prefers: blas, vector,
   * java.
   *
   * @throws IllegalArgumentException if {@code requested} names no backend or one the forks cannot use
   */
  static ForkKernel choose(String requested) {
    boolean vectorModule = ModuleFinder.ofSystem().find(VECTOR_MODULE).isPresent();
    Backend backend;
    if (requested != null) {
      backend = named(requested);
    } else if (Kernels.isAvailable(Backend.BLAS)) {
      backend = Backend.BLAS;
    } else {
      backend = vectorModule ? Backend.VECTOR : Backend.JAVA;
    }
    if (backend == Backend.VECTOR && !vectorModule) {
      throw new IllegalArgumentException(
          "--kernel vector needs the " + VECTOR_MODULE + " module, which this JDK (" + System.getProperty("java.home")
              + ") does not have; use java or blas");
    }
    if (backend == Backend.BLAS && !Kernels.isAvailable(Backend.BLAS)) {
      // This JVM has the forks' class path, so what failed to load here fails there too.
      try {
        Kernels.sgemm(Backend.BLAS);
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("--kernel blas: " + e.getMessage(), e);
      }
    }
    return new ForkKernel(backend, vectorModule);
  }

  private static Backend named(String requested) {
    try {
      return Backend.fromPropertyValue(requested);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--kernel " + requested + " names no kernel backend; expected one of java, vector, blas", e);
    }
  }

  /** The arguments that make a forked JVM use this backend. */
  List<String> jvmArgs() {
    List<String> args = new ArrayList<>();
    if (vectorModule) {
      args.add("--add-modules");
      args.add(VECTOR_MODULE);
    }
    args.add("-D" + Kernels.PROPERTY + "=" + backend.propertyValue());
    return args;
  }
}
