package dev.solstice.examples.charlm;

import dev.solstice.annotations.Shape;
import dev.solstice.examples.training.ModelType;
import dev.solstice.examples.training.TrainingOptions;
import dev.solstice.examples.training.TrainingRun;
import dev.solstice.runtime.Losses;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.kernel.Kernels;
import dev.solstice.runtime.optim.Optax;
import dev.solstice.runtime.random.Key;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Trains a small character-level transformer on a text and prints a sample of what it learned to write. */
@Command(
    name = "charlm",
    mixinStandardHelpOptions = true,
    description = {
      "Train a small character-level transformer (Embedding, MultiheadAttention, LayerNorm, Mlp) on a text"
          + " with adam, then print a sample it writes.",
      "Prints the training loss every --log-every steps."
    })
public final class CharLmCommand implements Callable<Integer> {
  static final String NAME = "charlm";
  /** The text learned when none is given: a short essay written for Solstice (see NOTICE next to it). */
  static final String DEFAULT_TEXT = "solstice.txt";

  @Parameters(arity = "0..1", paramLabel = "TEXT",
      description = "UTF-8 text file to learn (default: a short essay on the solstice, shipped in the jar).")
  Path textFile;

  @Option(names = "--context", defaultValue = "32", description = "Characters the model reads at once (default: ${DEFAULT-VALUE}).")
  int context;

  @Option(names = "--size", defaultValue = "64", description = "Width of the model (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--heads", defaultValue = "4", description = "Attention heads per block (default: ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--layers", defaultValue = "2", description = "Transformer blocks (default: ${DEFAULT-VALUE}).")
  int layers;

  @Option(names = "--lr", defaultValue = "0.003", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
  float learningRate;

  @Option(names = "--batch", defaultValue = "16", description = "Windows per step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--steps", defaultValue = "600", description = "Optimizer steps in all (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--log-every", defaultValue = "100", description = "Print the loss every N steps (default: ${DEFAULT-VALUE}).")
  int logEvery;

  @Option(names = "--sample-length", defaultValue = "300",
      description = "Characters to write after training (default: ${DEFAULT-VALUE}).")
  int sampleLength;

  @Option(names = "--temperature", defaultValue = "0.8",
      description = "Sampling temperature: lower is more conservative (default: ${DEFAULT-VALUE}).")
  float temperature;

  @Option(names = "--prompt", description = "Text the sample continues (default: the first character of TEXT).")
  String prompt;

  @Mixin TrainingOptions training;

  /**
   * What a run gave.
   *
   * @param losses the loss of every step, including those before a resume
   * @param sample the characters written after the prompt
   */
  public record Result(List<Float> losses, String sample) {}

  @Override
  public Integer call() throws IOException {
    run(System.out);
    return 0;
  }

  /** The mean next-character cross-entropy of {@code model} on a batch of windows. */
  static @Shape("") Tensor loss(CharTransformer model, TextWindows.Batch batch) {
    Tensor logits = CharTransformerBatched.forward(model, batch.inputs());
    return Losses.softmaxCrossEntropyWithIntegerLabels(logits, batch.targets()).mean();
  }

  /** Trains, printing the loss to {@code out}, then prints a sample; returns both for tests. */
  public Result run(PrintStream out) throws IOException {
    if (logEvery < 1) {
      throw new IllegalArgumentException("--log-every must be >= 1, found " + logEvery);
    }
    String text = textFile != null ? Files.readString(textFile) : defaultText();
    Vocabulary vocabulary = Vocabulary.of(text);
    int[] tokens = vocabulary.encode(text);
    String promptText = prompt != null ? prompt : text.substring(0, text.offsetByCodePoints(0, 1));
    int[] promptTokens = vocabulary.encode(promptText); // before training, so a bad prompt fails at once
    if (promptTokens.length == 0) {
      throw new IllegalArgumentException("--prompt must hold at least one character");
    }
    Key[] keys = Key.of(training.seed()).split(3);
    CharTransformer model = CharTransformer.init(vocabulary.size(), context, size, heads, layers, keys[0]);
    TextWindows windows = new TextWindows(tokens, context, batchSize, keys[1]);
    out.printf(Locale.ROOT, "charlm: %d characters, %d distinct; %d parameters%n", tokens.length, vocabulary.size(),
        parameterCount(model));
    out.println("kernels: " + Kernels.summary());

    Map<String, String> hyperparameters = new LinkedHashMap<>();
    hyperparameters.put("command", NAME);
    hyperparameters.put("seed", Long.toString(training.seed()));
    hyperparameters.put("text_sha256", sha256(text));
    hyperparameters.put("vocabulary", vocabulary.toText());
    hyperparameters.put("context", Integer.toString(context));
    hyperparameters.put("size", Integer.toString(size));
    hyperparameters.put("heads", Integer.toString(heads));
    hyperparameters.put("layers", Integer.toString(layers));
    hyperparameters.put("optimizer", "adam");
    hyperparameters.put("learning_rate", Float.toString(learningRate));
    hyperparameters.put("batch_size", Integer.toString(batchSize));
    TrainingRun<CharTransformer, CharTransformerGrad> run = TrainingRun.start(
        ModelType.of(CharTransformerTree.INSTANCE, CharTransformerTree::valueAndGrad), model,
        Optax.adam(learningRate), hyperparameters, training, out);

    while (run.step() < steps) {
      int first = run.step();
      int last = Math.min(steps, (first / logEvery + 1) * logEvery);
      long start = System.nanoTime();
      run.trainUntil(last, step -> {
        TextWindows.Batch batch = windows.at(step);
        return m -> loss(m, batch);
      }, "steps " + (first + 1) + "-" + last);
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "step %d/%d | train loss %.4f | %.1f steps/s%n", last, steps, run.meanLoss(first, last),
          (last - first) / seconds);
    }
    run.finish(NAME, Map.of(), out);

    int[] written = Sampler.sample(run.model(), promptTokens, sampleLength, temperature, keys[2]);
    String sample = vocabulary.decode(written);
    out.println("sample:");
    out.println(promptText + sample);
    return new Result(run.losses(), sample);
  }

  private static String defaultText() throws IOException {
    try (InputStream in = CharLmCommand.class.getResourceAsStream(DEFAULT_TEXT)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_TEXT + " is missing next to " + CharLmCommand.class.getName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static long parameterCount(CharTransformer model) {
    long count = 0;
    for (Tensor leaf : CharTransformerTree.INSTANCE.leaves(model)) {
      count += leaf.size();
    }
    return count;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
