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

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
