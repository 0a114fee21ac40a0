package dev.solstice.checker;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code @Shape} specs of a method or constructor: receiver, parameters and result. A call is
 * one scope: {@link #apply} unifies the specs with the shapes of the receiver and arguments and
 * gives the result shape in the caller's terms.
 *
 * @param receiver the receiver's spec, or null
 * @param parameters one spec per parameter, null where a parameter has none; for a varargs
 *     method the last is the spec of each element
 * @param names the parameter names, for messages
 * @param result the result's spec, or null
 * @param varargs whether the last parameter takes the trailing arguments one by one
 */
record Signature(
    @Nullable SymbolicShape receiver,
    List<@Nullable SymbolicShape> parameters,
    List<String> names,
    @Nullable SymbolicShape result,
    boolean varargs) {

  /** The receiver's index in {@link Outcome#problems()}. */
  static final int RECEIVER = -1;

  /**
   * What a call taught: the result shape and the problems, by argument.
   *
   * @param result the result shape in the caller's terms, or null when unknown
   */
  record Outcome(@Nullable SymbolicShape result, List<Problem> problems) {}

  /**
   * A problem with one argument.
   *
   * @param argument the argument's index, or {@link #RECEIVER}
   * @param parameter the parameter's name as messages show it ({@code "xs[1]"} for a varargs
   *     element)
   */
  record Problem(int argument, String parameter, Mismatch mismatch) {}

  /** Whether any spec is present; a call of a method without specs needs no work. */
  boolean isEmpty() {
    return receiver == null && result == null && parameters.stream().allMatch(p -> p == null);
  }

  /**
   * Unifies the specs with the shapes of a call.
   *
   * @param bindings what is bound before the call: a record's dims when the receiver is {@code
   *     this}
   * @param receiverShape the receiver's shape, or null when unknown or not a tensor
   * @param arguments the arguments' shapes, null where unknown or not a tensor; one per argument
   *     as written, so a varargs call may have more or fewer than there are parameters
   * @param spreadVarargs whether the trailing arguments are passed one by one (not as an array)
   */
  Outcome apply(
      Bindings bindings,
      @Nullable SymbolicShape receiverShape,
      List<@Nullable SymbolicShape> arguments,
      boolean spreadVarargs) {
    Unifier unifier = new Unifier(bindings);
    List<Problem> problems = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    if (receiver != null) {
      addAll(problems, RECEIVER, "the receiver", unifier.match(receiver, receiverShape, "the receiver"));
      origins.add("the receiver");
      indexes.add(RECEIVER);
    }
    int last = parameters.size() - 1;
    for (int i = 0; i < arguments.size(); i++) {
      boolean element = varargs && spreadVarargs && i >= last;
      String name = element ? names.get(last) + "[" + (i - last) + "]" : names.get(Math.min(i, last));
      // Passed as an array, the varargs parameter has no per-element spec to match.
      SymbolicShape spec = varargs && !element && i == last ? null : parameters.get(Math.min(i, last));
      origins.add(name);
      indexes.add(i);
      if (spec != null) {
        addAll(problems, i, name, unifier.match(spec, arguments.get(i), name));
      }
    }
    for (Unifier.Finding late : unifier.finish()) {
      int position = origins.indexOf(late.origin());
      problems.add(new Problem(indexes.get(position), late.origin(), late.mismatch()));
    }
    SymbolicShape shape = result == null ? null : unifier.bindings().substitute(result);
    return new Outcome(shape == null || shape.isUnknown() ? null : shape, problems);
  }

  private static void addAll(List<Problem> problems, int argument, String name, List<Mismatch> found) {
    for (Mismatch mismatch : found) {
      problems.add(new Problem(argument, name, mismatch));
    }
  }
}
