package dev.solstice.runtime;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * numpy's matmul rank rules (1-D times 1-D, vectors against matrices, broadcast batches), checked
 * against oracle/matmul.json (numpy results, JAX gradients; made by oracle/matmul_cases.py).
 */
class MatmulOracleTest {
  @TestFactory
  Stream<DynamicTest> everyRankCase() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonElement element : Golden.load("oracle/matmul.json").getAsJsonArray("cases")) {
      JsonObject c = element.getAsJsonObject();
      Tensor a = Golden.tensor(c.get("a"));
      Tensor b = Golden.tensor(c.get("b"));
      String name = Arrays.toString(a.shape()) + " @ " + Arrays.toString(b.shape());
      tests.add(DynamicTest.dynamicTest(name, () -> {
        Golden.assertClose(Golden.tensor(c.get("out")), a.matmul(b), 1e-5, 1e-6, name);
        Tensor w = Golden.tensor(c.get("w"));
        ValueAndGrad<List<Tensor>> vg = Autodiff.valueAndGrad(List.of(a, b), xs -> xs.get(0).matmul(xs.get(1)).mul(w).sum());
        Golden.assertClose(Golden.tensor(c.get("grad_a")), vg.grad().get(0), 1e-5, 1e-6, name + " gradient of a");
        Golden.assertClose(Golden.tensor(c.get("grad_b")), vg.grad().get(1), 1e-5, 1e-6, name + " gradient of b");
      }));
    }
    return tests.stream();
  }
}
