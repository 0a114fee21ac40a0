package dev.solstice.examples.bench;

/** Where figures get their raw measurements from. */
@FunctionalInterface
interface Timings {

  /** The median time of one operation of {@code run}, in seconds, over its measured iterations. */
  double secondsPerOperation(Run run);
}
