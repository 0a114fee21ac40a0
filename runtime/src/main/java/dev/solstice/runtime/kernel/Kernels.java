package dev.solstice.runtime.kernel;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Entry point to the heavy loops: hands out the {@link Sgemm} and {@link ArrayMath} of the best
 * available {@link Backend}, chosen once per JVM: native OpenBLAS when {@code
 * org.bytedeco:openblas} and its natives are on the class path, else the Vector API when {@code
 * jdk.incubator.vector} is in the boot layer ({@code --add-modules jdk.incubator.vector}), else
 * plain Java. The system property {@code solstice.kernel=java|vector|blas} forces one; forcing
 * one that is not available makes {@link #sgemm()} throw, naming what is missing.
 *
 * <p>{@link ArrayMath} has no native variant: the BLAS backend uses the vectorised one when the
 * module is present and the scalar one otherwise. Likewise the BLAS backend's sgemm hands large
 * products to the Vector API kernel when the module is present (see {@code BlasSgemm}).
 */
public final class Kernels {
  /** The system property that forces a backend: {@code java}, {@code vector} or {@code blas}. */
  public static final String PROPERTY = "solstice.kernel";

  private static final String VECTOR_MODULE = "jdk.incubator.vector";
  private static final ArrayMath SCALAR_MATH = new ScalarArrayMath();
  private static final Sgemm JAVA_SGEMM = new JavaSgemm();

  /** Decided on first use; racing first uses decide the same. */
  private static volatile Backend chosen;

  private Kernels() {}

  /**
   * The backend in use: forced by {@value #PROPERTY}, else the best available.
   *
   * @throws IllegalArgumentException if {@value #PROPERTY} names no backend
   */
  public static Backend backend() {
    Backend backend = chosen;
    if (backend == null) {
      backend =
          choose(
              System.getProperty(PROPERTY),
              () -> isAvailable(Backend.BLAS),
              () -> isAvailable(Backend.VECTOR));
      chosen = backend;
    }
    return backend;
  }

  /** The matrix multiply of {@link #backend()}. */
  public static Sgemm sgemm() {
    return sgemm(backend());
  }

  /** The elementwise functions and reductions of {@link #backend()}. */
  public static ArrayMath math() {
    return math(backend());
  }

  /**
   * The matrix multiply of {@code backend}, for tests and benchmarks that compare backends.
   *
   * @throws IllegalStateException if {@code backend} is not available here, saying why
   */
  public static Sgemm sgemm(Backend backend) {
    switch (backend) {
      case BLAS:
        return Blas.LOADED.orElseThrow(() -> unavailable(backend, Blas.PROBLEM));
      case VECTOR:
        return Vector.SGEMM.orElseThrow(() -> unavailable(backend, Vector.PROBLEM));
      default:
        return JAVA_SGEMM;
    }
  }

  /**
   * The elementwise functions of {@code backend}: vectorised for {@link Backend#VECTOR} (and for
   * {@link Backend#BLAS} when the module is present), scalar otherwise.
   *
   * @throws IllegalStateException if {@code backend} is not available here, saying why
   */
  public static ArrayMath math(Backend backend) {
    switch (backend) {
      case BLAS:
        if (Blas.LOADED.isEmpty()) {
          throw unavailable(backend, Blas.PROBLEM);
        }
        return Vector.MATH.orElse(SCALAR_MATH);
      case VECTOR:
        return Vector.MATH.orElseThrow(() -> unavailable(backend, Vector.PROBLEM));
      default:
        return SCALAR_MATH;
    }
  }

  /**
   * The backend in use and whether the Vector API carries the elementwise math, in a few words
   * for programs to print beside their timings: {@code "blas with the Vector API"}, or {@code
   * "java without the Vector API (start the JVM with --add-modules jdk.incubator.vector)"}.
   */
  public static String summary() {
    return summary(backend(), math().vectorised(), Vector.PROBLEM);
  }

  /** {@link #summary()} for a backend, whether its math is vectorised, and why the module is not used (null if present). */
  static String summary(Backend backend, boolean vectorised, String problem) {
    String name = backend.propertyValue();
    if (vectorised) {
      return name + " with the Vector API";
    }
    return name + " without the Vector API ("
        + (problem != null ? problem : "-D" + PROPERTY + "=" + name + " chose plain Java loops") + ")";
  }

  /** Whether {@code backend} can be used in this JVM. */
  public static boolean isAvailable(Backend backend) {
    switch (backend) {
      case BLAS:
        return Blas.LOADED.isPresent();
      case VECTOR:
        return Vector.SGEMM.isPresent();
      default:
        return true;
    }
  }

  /**
   * The backend to use given the {@value #PROPERTY} value (null or blank when unset) and what is
   * available: the forced one, else the first available of BLAS, VECTOR, JAVA.
   */
  static Backend choose(
      String forced, BooleanSupplier blasAvailable, BooleanSupplier vectorAvailable) {
    if (forced != null && !forced.isBlank()) {
      return Backend.fromPropertyValue(forced);
    }
    if (blasAvailable.getAsBoolean()) {
      return Backend.BLAS;
    }
    return vectorAvailable.getAsBoolean() ? Backend.VECTOR : Backend.JAVA;
  }

  private static IllegalStateException unavailable(Backend backend, String problem) {
    return new IllegalStateException(
        "kernel backend '" + backend.propertyValue() + "' is not available: " + problem);
  }

  /**
   * Instantiates an implementation class by name so that its dependencies are only linked here;
   * {@code arguments} are the constructor's, of the given types.
   */
  private static <T> T load(
      String simpleName, Class<T> type, Class<?>[] parameterTypes, Object... arguments)
      throws ReflectiveOperationException {
    Class<?> implementation = Class.forName(Kernels.class.getPackageName() + "." + simpleName);
    return type.cast(implementation.getDeclaredConstructor(parameterTypes).newInstance(arguments));
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }

  /** OpenBLAS, linked on first use. */
  private static final class Blas {
    static final Optional<Sgemm> LOADED;
    static final String PROBLEM;

    static {
      Sgemm sgemm = null;
      String problem = null;
      try {
        ArrayMath math = Vector.MATH.orElse(SCALAR_MATH);
        sgemm =
            load("BlasSgemm", Sgemm.class, new Class<?>[] {ArrayMath.class, Optional.class}, math,
                Vector.SGEMM);
      } catch (ReflectiveOperationException | LinkageError e) {
        problem =
            "put org.bytedeco:openblas and its natives for this platform (classifier such as"
                + " linux-x86_64, with org.bytedeco:javacpp's) on the class path ("
                + describe(e)
                + ")";
      }
      LOADED = Optional.ofNullable(sgemm);
      PROBLEM = problem;
    }
  }

  /** The Vector API kernels, linked on first use when the module is present. */
  private static final class Vector {
    static final Optional<Sgemm> SGEMM;
    static final Optional<ArrayMath> MATH;
    static final String PROBLEM;

    static {
      Sgemm sgemm = null;
      ArrayMath math = null;
      String problem = null;
      if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
        problem = "start the JVM with --add-modules " + VECTOR_MODULE;
      } else {
        try {
          sgemm = load("VectorSgemm", Sgemm.class, new Class<?>[0]);
          math = load("VectorArrayMath", ArrayMath.class, new Class<?>[0]);
        } catch (ReflectiveOperationException | LinkageError e) {
          sgemm = null;
          problem = "the Vector API failed to load (" + describe(e) + ")";
        }
      }
      SGEMM = Optional.ofNullable(sgemm);
      MATH = Optional.ofNullable(math);
      PROBLEM = problem;
    }
  }
}
