package dev.solstice.examples.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One JMH benchmark to measure: a {@code @Benchmark} method, the values of its {@code @Param}
 * fields, and JVM arguments its fork needs on top of the usual ones. Equal runs are measured once.
 *
 * @param benchmark the method's full name, {@code package.Class.method}
 * @param params {@code @Param} field name to value
 * @param jvmArgs extra arguments for the forked JVM
 */
record Run(String benchmark, Map<String, String> params, List<String> jvmArgs) {

  Run {
    params = Map.copyOf(params);
    jvmArgs = List.copyOf(jvmArgs);
  }

  /** The method {@code method} of the {@code @State} class {@code type}, with no params or arguments. */
  static Run of(Class<?> type, String method) {
    return new Run(type.getName() + "." + method, Map.of(), List.of());
  }

  /** This run with {@code @Param} field {@code name} set to {@code value}. */
  Run withParam(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(params);
    more.put(name, value);
    return new Run(benchmark, more, jvmArgs);
  }

  /** This run with {@code argument} added to its fork's JVM arguments. */
  Run withJvmArg(String argument) {
    List<String> more = new ArrayList<>(jvmArgs);
    more.add(argument);
    return new Run(benchmark, params, more);
  }

  /** The regular expression JMH selects exactly this benchmark method with. */
  String includePattern() {
    return "^" + Pattern.quote(benchmark) + "$";
  }

  @Override
  public String toString() {
    return benchmark + (params.isEmpty() ? "" : " " + params) + (jvmArgs.isEmpty() ? "" : " " + jvmArgs);
  }
}
