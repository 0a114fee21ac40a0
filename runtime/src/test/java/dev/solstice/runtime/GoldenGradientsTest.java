package dev.solstice.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays each case of grads.json (made by jax 0.10.2) with Solstice ops and checks the value and
 * every gradient against JAX's.
 */
class GoldenGradientsTest {
  private static final double REL = 1e-4;
  private static final double ABS = 1e-5;

  /** Each case's formula over all of its inputs, in the case's argument order. */
  private static final Map<String, Function<List<Tensor>, Tensor>> FORMULAS = Map.ofEntries(
      Map.entry("matmul", in -> in.get(0).matmul(in.get(1)).mul(in.get(2)).sum()),
      Map.entry("broadcast_add", in -> in.get(0).add(in.get(1)).pow(2).sum()),
      Map.entry("broadcast_mul_outer", in -> in.get(0).mul(in.get(1)).mul(in.get(0)).sum()),
      Map.entry("tanh", in -> in.get(0).tanh().mul(in.get(1)).sum()),
      Map.entry("relu", in -> in.get(0).relu().mul(in.get(1)).sum()),
      Map.entry("sigmoid", in -> in.get(0).sigmoid().mul(in.get(1)).sum()),
      Map.entry("gelu_tanh", in -> in.get(0).gelu().mul(in.get(1)).sum()),
      Map.entry("exp", in -> in.get(0).exp().mul(in.get(1)).sum()),
      Map.entry("log", in -> in.get(0).log().mul(in.get(1)).sum()),
      Map.entry("sqrt", in -> in.get(0).sqrt().mul(in.get(1)).sum()),
      Map.entry("div", in -> in.get(1).div(in.get(0)).sum()),
      Map.entry("mean_axis0", in -> in.get(0).mean(0).mul(in.get(1).take(Tensor.ofInts(new int[] {0}, 1)).reshape(-1)).sum()),
      Map.entry("sum_axis1_keepdims", in -> in.get(0).sum(1, true).mul(in.get(0)).sum()),
      Map.entry("max_axis1", in -> in.get(0).max(1).sum()),
      Map.entry("softmax_cross_entropy", in -> Losses.softmaxCrossEntropyWithIntegerLabels(
          in.get(0), Tensor.ofInts(new int[] {0, 3, 1, 4}, 4)).mean()),
      Map.entry("logsumexp", in -> in.get(0).logsumexp(-1).sum()),
      Map.entry("softmax", in -> in.get(0).softmax(-1).mul(in.get(1)).sum()),
      Map.entry("reshape_transpose", in -> in.get(0).reshape(6, 4).transpose().matmul(in.get(1)).sum()),
      Map.entry("concat", in -> Tensor.concat(1, in.get(0), in.get(1)).pow(3).sum()),
      Map.entry("take_rows", in -> in.get(0).take(Tensor.ofInts(new int[] {3, 1, 3, 9}, 4)).mul(in.get(1)).sum()),
      Map.entry("layer_norm", GoldenGradientsTest::layerNorm),
      Map.entry("causal_attention", GoldenGradientsTest::causalAttention),
      Map.entry("seed_mlp_mse", GoldenGradientsTest::seedMlpMse));

  private static Tensor layerNorm(List<Tensor> in) {
    Tensor x = in.get(0);
    Tensor normalized = x.sub(x.mean(-1, true)).mul(x.var(-1, true).add(1e-5f).rsqrt());
    return normalized.mul(in.get(1)).add(in.get(2)).mul(in.get(3)).sum();
  }

  private static Tensor causalAttention(List<Tensor> in) {
    Tensor x = in.get(0);
    Tensor q = x.matmul(in.get(1));
    Tensor k = x.matmul(in.get(2));
    Tensor v = x.matmul(in.get(3));
    Tensor scores = q.matmul(k.transpose()).div((float) Math.sqrt(8));
    Tensor masked = Tensor.where(Tensor.tril(5), scores, Tensor.scalar(Float.NEGATIVE_INFINITY));
    return masked.softmax(-1).matmul(v).mul(in.get(4)).sum();
  }

  /** mean((y - vmap(model)(x))**2) for Linear(1, 8), tanh, Linear(8, 1); inputs l1.bias, l1.weight, l2.bias, l2.weight, x, y. */
  private static Tensor seedMlpMse(List<Tensor> in) {
    Tensor x = in.get(4);
    Tensor prediction;
    try (Batching vmap = Batching.begin(x.dim(0))) {
      Tensor sample = vmap.in("x", x, 0);
      Tensor hidden = in.get(1).matmul(sample).add(in.get(0)).tanh();
      prediction = vmap.out(in.get(3).matmul(hidden).add(in.get(2)), 0);
    }
    return in.get(5).sub(prediction).square().mean();
  }

  @TestFactory
  Stream<DynamicTest> everyGoldenCase() {
    JsonArray cases = Golden.load("grads.json").getAsJsonArray("cases");
    assertEquals(FORMULAS.size(), cases.size(), "one formula per golden case");
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : cases) {
      JsonObject c = element.getAsJsonObject();
      String name = c.get("name").getAsString();
      tests.add(DynamicTest.dynamicTest(name, () -> check(c, FORMULAS.get(name))));
    }
    return tests.stream();
  }

  private static void check(JsonObject c, Function<List<Tensor>, Tensor> formula) {
    String name = c.get("name").getAsString();
    List<Tensor> inputs = new ArrayList<>();
    for (JsonElement input : c.getAsJsonArray("inputs")) {
      inputs.add(Golden.tensor(input));
    }
    int[] argnums = Golden.ints(c.getAsJsonArray("argnums"));
    List<Tensor> differentiated = new ArrayList<>();
    for (int i : argnums) {
      differentiated.add(inputs.get(i));
    }
    ValueAndGrad<List<Tensor>> vg = Autodiff.valueAndGrad(differentiated, xs -> {
      List<Tensor> all = new ArrayList<>(inputs);
      for (int j = 0; j < argnums.length; j++) {
        all.set(argnums[j], xs.get(j));
      }
      return formula.apply(all);
    });
    float expected = c.get("value").getAsFloat();
    assertEquals(expected, vg.value().item(), ABS + REL * Math.abs(expected), name + ": value");
    JsonArray grads = c.getAsJsonArray("grads");
    for (int j = 0; j < argnums.length; j++) {
      Golden.assertClose(Golden.tensor(grads.get(j)), vg.grad().get(j), REL, ABS, name + ": gradient of input " + argnums[j]);
    }
  }
}
