package dev.solstice.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.solstice.runtime.Autodiff;
import dev.solstice.runtime.Tensor;
import dev.solstice.runtime.tree.Pytree;
import dev.solstice.runtime.tree.TreeDef;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed program end to end through the optimizers: the 1-32-1 tanh MLP of seed_port.json
 * trained full batch with sgd(0.01) and adam(0.01) through {@link TrainState}, the loss every 100
 * epochs against JAX + Optax's to 1e-3 relative (Adam's curve needs its state carried). The first
 * {@value #EPOCHS} of the 2000 epochs keep the test short; the examples module runs them all.
 */
class SeedPortTest {
  private static final JsonObject SEED = Golden.load("seed_port.json");
  private static final int EPOCHS = 301;

  /** The seed model, hand-flattened as the processor would: {@code l1.weight, l1.bias, l2.weight, l2.bias}. */
  record Mlp(Tensor w1, Tensor b1, Tensor w2, Tensor b2) implements Pytree<Mlp> {
    static final TreeDef<Mlp> TREE =
        new TreeDef<>() {
          @Override
          public List<Tensor> leaves(Mlp m) {
            return List.of(m.w1(), m.b1(), m.w2(), m.b2());
          }

          @Override
          public List<String> paths(Mlp m) {
            return List.of("l1.weight", "l1.bias", "l2.weight", "l2.bias");
          }

          @Override
          public Mlp rebuild(Mlp like, List<Tensor> l) {
            return new Mlp(l.get(0), l.get(1), l.get(2), l.get(3));
          }
        };

    @Override
    public TreeDef<Mlp> treeDef() {
      return TREE;
    }

    /** {@code mean((y - l2(tanh(l1(x))))²)} over the batch, x and y of shape [batch, 1]. */
    static Tensor loss(List<Tensor> leaves, Tensor x, Tensor y) {
      Tensor hidden = x.matmul(leaves.get(0).transpose()).add(leaves.get(1)).tanh();
      Tensor out = hidden.matmul(leaves.get(2).transpose()).add(leaves.get(3));
      return y.sub(out).square().mean();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"sgd_0.01", "adam_0.01"})
  void lossCurveMatchesJax(String run) {
    Tensor x = Golden.tensor(SEED.getAsJsonObject("X_norm"));
    Tensor y = Golden.tensor(SEED.getAsJsonObject("y_norm"));
    JsonObject model0 = SEED.getAsJsonObject("model0");
    Mlp model =
        new Mlp(
            Golden.tensor(model0.getAsJsonObject("l1").getAsJsonObject("weight")),
            Golden.tensor(model0.getAsJsonObject("l1").getAsJsonObject("bias")),
            Golden.tensor(model0.getAsJsonObject("l2").getAsJsonObject("weight")),
            Golden.tensor(model0.getAsJsonObject("l2").getAsJsonObject("bias")));
    GradientTransformation opt = run.startsWith("adam") ? Optax.adam(0.01) : Optax.sgd(0.01);
    TrainState<Mlp> train = TrainState.create(Mlp.TREE, model, opt);

    JsonObject golden = SEED.getAsJsonObject("runs").getAsJsonObject(run);
    JsonArray losses = golden.getAsJsonArray("losses");
    int logged = 0;
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      var vg = Autodiff.valueAndGrad(Mlp.TREE.leaves(train.params()), leaves -> Mlp.loss(leaves, x, y));
      if (logged < losses.size() && losses.get(logged).getAsJsonArray().get(0).getAsInt() == epoch) {
        float expected = losses.get(logged).getAsJsonArray().get(1).getAsFloat();
        assertEquals(expected, vg.value().item(), 1e-3f * expected, run + " loss at epoch " + epoch);
        logged++;
      }
      train = train.applyGradients(Mlp.TREE.rebuild(train.params(), vg.grad()));
    }
    assertEquals(4, logged, "epochs 0, 100, 200, 300 checked");
  }
}
