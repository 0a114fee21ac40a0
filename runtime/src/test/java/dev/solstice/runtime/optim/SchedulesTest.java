package dev.solstice.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every schedule in optax_more.json, evaluated at steps 0..20, against optax 0.2.8's values. */
class SchedulesTest {
  private static final JsonObject GOLDEN = Golden.load("optax_more.json");

  /** The Java spelling of each golden schedule, keyed by its name in optax_more.json. */
  private static final Map<String, Supplier<Schedule>> SCHEDULES =
      Map.ofEntries(
          Map.entry("constant", () -> Schedules.constant(0.3)),
          Map.entry("linear", () -> Schedules.linear(0.1, 0.001, 7)),
          Map.entry("linear_begin", () -> Schedules.linear(0.0, 1.0, 5, 3)),
          Map.entry("polynomial", () -> Schedules.polynomial(1.0, 0.1, 2.0, 8, 2)),
          Map.entry("polynomial_cubic", () -> Schedules.polynomial(0.5, 0.0, 3, 6, 0)),
          Map.entry("exponential", () -> Schedules.exponentialDecay(0.1, 3, 0.5)),
          Map.entry("exponential_staircase", () -> Schedules.exponentialDecay(0.1, 3, 0.5, 0, true, null)),
          Map.entry("exponential_begin_end", () -> Schedules.exponentialDecay(1.0, 2, 0.7, 4, false, 0.3)),
          Map.entry("exponential_growth_end", () -> Schedules.exponentialDecay(0.01, 1, 1.5, 0, false, 0.05)),
          Map.entry("cosine", () -> Schedules.cosineDecay(0.1, 10)),
          Map.entry("cosine_alpha_exponent", () -> Schedules.cosineDecay(1.0, 7, 0.2, 2.0)),
          Map.entry("warmup_cosine", () -> Schedules.warmupCosineDecay(0.0, 1.0, 3, 12)),
          Map.entry("warmup_cosine_end", () -> Schedules.warmupCosineDecay(0.01, 0.1, 4, 15, 0.001, 1.0)),
          Map.entry("warmup_cosine_exponent", () -> Schedules.warmupCosineDecay(0.0, 0.5, 2, 9, 0.05, 1.5)),
          Map.entry(
              "warmup_exponential", () -> Schedules.warmupExponentialDecay(0.0, 0.2, 3, 2, 0.5, 1, false, 0.02)),
          Map.entry("piecewise_constant", () -> Schedules.piecewiseConstant(0.1, Map.of(3, 0.5, 6, 0.1))),
          Map.entry(
              "join",
              () ->
                  Schedules.joinSchedules(
                      List.of(
                          Schedules.constant(0.5),
                          Schedules.linear(0.5, 0.1, 4),
                          Schedules.exponentialDecay(0.1, 2, 0.5)),
                      List.of(3, 8))));

  static Stream<Arguments> golden() {
    return GOLDEN.getAsJsonArray("schedules").asList().stream()
        .map(JsonElement::getAsJsonObject)
        .map(s -> Arguments.of(s.get("name").getAsString(), s.get("schedule").getAsString(), s));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("golden")
  void matchesOptax(String name, String call, JsonObject golden) {
    Supplier<Schedule> make = SCHEDULES.get(name);
    if (make == null) {
      fail("no Java spelling for golden schedule " + name + " (" + call + ")");
    }
    Schedule schedule = make.get();
    float[] expected = Golden.floats(golden.getAsJsonArray("values"));
    for (int step = 0; step < expected.length; step++) {
      assertEquals(expected[step], schedule.at(step), 1e-6f * Math.abs(expected[step]), name + " at step " + step);
    }
  }

  @Test
  void everyJavaScheduleHasGoldenData() {
    Set<String> names = new HashSet<>();
    golden().forEach(a -> names.add((String) a.get()[0]));
    assertEquals(SCHEDULES.keySet(), names);
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> Schedules.cosineDecay(0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> Schedules.piecewiseConstant(0.1, Map.of(3, -1.0)));
    assertThrows(
        IllegalArgumentException.class, () -> Schedules.joinSchedules(List.of(Schedules.constant(1)), List.of(3)));
  }
}
