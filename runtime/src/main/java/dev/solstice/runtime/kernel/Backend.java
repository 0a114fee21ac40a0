package dev.solstice.runtime.kernel;

import java.util.Locale;

/** The kernel implementations {@link Kernels} chooses between, best first when available. */
public enum Backend {
  /**
   * Native OpenBLAS through {@code org.bytedeco:openblas}, when it and its natives load; large
   * products run on the Vector API kernel instead when {@code jdk.incubator.vector} is present,
   * which is faster there.
   */
  BLAS,
  /** Pure Java with the Vector API, when {@code jdk.incubator.vector} is in the boot layer. */
  VECTOR,
  /** Pure Java loops; always available. */
  JAVA;

  /** The value naming this backend in the {@code solstice.kernel} system property. */
  public String propertyValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The backend named by a {@code solstice.kernel} value, ignoring case. */
  public static Backend fromPropertyValue(String value) {
    for (Backend backend : values()) {
      if (backend.propertyValue().equalsIgnoreCase(value.trim())) {
        return backend;
      }
    }
    throw new IllegalArgumentException(
        "-D"
            + Kernels.PROPERTY
            + "="
            + value
            + " names no kernel backend; expected one of java, vector, blas");
  }
}
