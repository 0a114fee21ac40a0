package dev.solstice.examples.bench;

/** A JMH run that produced no measurement, naming the run and what went wrong. */
final class BenchmarkFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BenchmarkFailedException(Run run, String problem) {
    super("benchmark " + run + " failed: " + problem);
  }

  BenchmarkFailedException(Run run, Throwable cause) {
    super("benchmark " + run + " failed: " + rootMessage(cause), cause);
  }

  /** The innermost cause; JMH attaches the fork's own errors to its exception as suppressed ones. */
  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause.getSuppressed().length > 0) {
      return rootMessage(cause.getSuppressed()[0]);
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
