package dev.solstice.runtime.random;

import static dev.solstice.runtime.random.GoldenData.assertBoolsEqual;
import static dev.solstice.runtime.random.GoldenData.assertFloatsEqual;
import static dev.solstice.runtime.random.GoldenData.assertIntsEqual;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every entry of the shared reference file prng.json (jax 0.10.2), for every seed. */
class KeyReferenceTest {
  private static final List<String> ENTRIES = List.of(
      "key_data", "split2", "split3", "fold_in_7", "bits_5", "bits_2x3", "uniform_7",
      "uniform_3x4_m1_p2", "normal_8", "normal_2x5", "bernoulli_0.3_10", "randint_0_10_6",
      "permutation_10");

  @TestFactory
  Stream<DynamicTest> everyEntryOfEverySeed() {
    JsonObject reference = GoldenData.load("prng.json");
    return StreamSupport.stream(reference.getAsJsonArray("cases").spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .flatMap(c -> {
          assertEquals(ENTRIES.size() + 1, c.keySet().size(), "entries besides the seed: " + c.keySet());
          long seed = c.get("seed").getAsLong();
          return ENTRIES.stream()
              .map(entry -> DynamicTest.dynamicTest(
                  "seed " + seed + " " + entry, () -> check(Key.of(seed), entry, c.getAsJsonObject(entry))));
        });
  }

  private static void check(Key key, String entry, JsonObject expected) {
    switch (entry) {
      case "key_data": assertIntsEqual(expected, key.keyData(), entry); break;
      case "split2": assertIntsEqual(expected, key.splitArray(2).keyData(), entry); break;
      case "split3": assertIntsEqual(expected, key.splitArray(3).keyData(), entry); break;
      case "fold_in_7": assertIntsEqual(expected, key.foldIn(7).keyData(), entry); break;
      case "bits_5": assertIntsEqual(expected, key.bits(5), entry); break;
      case "bits_2x3": assertIntsEqual(expected, key.bits(2, 3), entry); break;
      case "uniform_7": assertFloatsEqual(expected, key.uniform(7), entry); break;
      case "uniform_3x4_m1_p2": assertFloatsEqual(expected, key.uniform(-1f, 2f, 3, 4), entry); break;
      case "normal_8": assertFloatsEqual(expected, key.normal(8), entry); break;
      case "normal_2x5": assertFloatsEqual(expected, key.normal(2, 5), entry); break;
      case "bernoulli_0.3_10": assertBoolsEqual(expected, key.bernoulli(0.3f, 10), entry); break;
      case "randint_0_10_6": assertIntsEqual(expected, key.randint(0, 10, 6), entry); break;
      case "permutation_10": assertIntsEqual(expected, key.permutation(10), entry); break;
      default: throw new AssertionError("no check for entry " + entry);
    }
  }
}
