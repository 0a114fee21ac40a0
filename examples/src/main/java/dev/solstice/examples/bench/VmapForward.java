package dev.solstice.examples.bench;

import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.random.Key;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The forward pass of MLP 64-256-256-10 (relu) over 1024 samples, two ways: the single-sample
 * {@link ReluMlp#forward} called once per sample, and the generated {@code ReluMlpBatched.forward}
 * called once on the whole batch. Their time ratio is what vectorised batching buys.
 */
@State(Scope.Thread)
public class VmapForward {
  static final int BATCH = 1024;
  static final int[] WIDTHS = {64, 256, 256, 10};

  private ReluMlp model;
  private Tensor batch;
  private List<Tensor> samples;
  private Tensor[] outputs;

  /** Standard normal inputs from a fixed key, also split into single samples ahead of timing. */
  @Setup
  public void setUp() {
    Key[] keys = Key.of(0).split(2);
    model = ReluMlp.init(keys[0], WIDTHS);
    batch = keys[1].normal(BATCH, WIDTHS[0]);
    samples = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      samples.add(batch.slice(0, i, i + 1).reshape(WIDTHS[0]));
    }
    outputs = new Tensor[BATCH];
  }

  /** The output of every sample, in a reused array (which keeps the JIT from skipping the work). */
  @Benchmark
  public Tensor[] perSample() {
    for (int i = 0; i < BATCH; i++) {
      outputs[i] = model.forward(samples.get(i));
    }
    return outputs;
  }

  /** The outputs of all samples as one {@code [1024, 10]} tensor. */
  @Benchmark
  public Tensor batched() {
    return ReluMlpBatched.forward(model, batch);
  }
}
