/**
 * The {@code bench} command: the project's benchmark workloads, measured with JMH.
 *
 * <p>Workloads are JMH {@code @State} classes with {@code @Benchmark} methods: {@link
 * dev.solstice.examples.bench.SeedStep} (W1), {@link dev.solstice.examples.bench.MlpStep} (W2),
 * {@link dev.solstice.examples.bench.SquareMatmul} (W3) and {@link
 * dev.solstice.examples.bench.VmapForward} (vmap speed-up). JMH's annotation processor generates
 * their harness into {@code jmh_generated} and lists them in {@code META-INF/BenchmarkList}, which
 * the shaded jar keeps. {@link dev.solstice.examples.bench.BenchCommand} runs each needed benchmark
 * once, in a JVM forked from the jar's own class path with the chosen kernel, and turns the median
 * times into the figures of {@code Figure}.
 *
 * <p>{@code src/main/python/bench_jax.py} measures the same workloads in JAX for comparison.
 */
package dev.solstice.examples.bench;
