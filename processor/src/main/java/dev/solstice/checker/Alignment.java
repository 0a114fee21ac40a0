package dev.solstice.checker;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Which axes of a pattern shape stand for which axes of a term shape, as jaxtyping lines them up:
 * single axes before a run from the left, those after it from the right, and the pattern's run
 * takes what is left in between. When the term has a run of its own, a pattern axis facing it is
 * {@link #unknown() left unknown}.
 *
 * @param pairs the pattern axis and the term axis it stands for
 * @param unknown pattern axes that face part of the term's run, whose sizes are unknown
 * @param rest the term axes the pattern's run stands for, or null when the pattern has no run or
 *     the run faces an unknown stretch of the term
 * @param rankProblem why the ranks cannot match, or null when they can
 */
record Alignment(
    List<Pair> pairs,
    List<Axis> unknown,
    @Nullable List<Axis> rest,
    @Nullable String rankProblem) {

  /**
   * A pattern axis and the term axis it stands for.
   *
   * @param termIndex the term axis counted from the start, or from the end (negative) when a run
   *     before it hides its position
   */
  record Pair(Axis pattern, Axis term, int termIndex) {}

  static Alignment of(SymbolicShape pattern, SymbolicShape term) {
    int p = pattern.size();
    int t = term.size();
    int pv = pattern.restIndex();
    int tv = term.restIndex();
    List<Pair> pairs = new ArrayList<>();
    List<Axis> unknown = new ArrayList<>();
    if (pv < 0 && tv < 0) {
      if (p != t) {
        return rankProblem(axes(p, false), axes(t, false));
      }
      for (int i = 0; i < p; i++) {
        pairs.add(new Pair(pattern.get(i), term.get(i), i));
      }
      return new Alignment(pairs, unknown, null, null);
    }
    if (tv < 0) {
      if (t < p - 1) {
        return rankProblem(axes(p - 1, true), axes(t, false));
      }
      int suffix = p - 1 - pv;
      for (int i = 0; i < pv; i++) {
        pairs.add(new Pair(pattern.get(i), term.get(i), i));
      }
      for (int j = 0; j < suffix; j++) {
        pairs.add(new Pair(pattern.get(p - 1 - j), term.get(t - 1 - j), t - 1 - j));
      }
      return new Alignment(pairs, unknown, term.axes().subList(pv, t - suffix), null);
    }
    int termSuffix = t - 1 - tv;
    if (pv < 0) {
      if (p < t - 1) {
        return rankProblem(axes(p, false), axes(t - 1, true));
      }
      for (int i = 0; i < tv; i++) {
        pairs.add(new Pair(pattern.get(i), term.get(i), i));
      }
      for (int j = 0; j < termSuffix; j++) {
        pairs.add(new Pair(pattern.get(p - 1 - j), term.get(t - 1 - j), -1 - j));
      }
      unknown.addAll(pattern.axes().subList(tv, p - termSuffix));
      return new Alignment(pairs, unknown, null, null);
    }
    int patternSuffix = p - 1 - pv;
    for (int i = 0; i < Math.min(pv, tv); i++) {
      pairs.add(new Pair(pattern.get(i), term.get(i), i));
    }
    for (int j = 0; j < Math.min(patternSuffix, termSuffix); j++) {
      pairs.add(new Pair(pattern.get(p - 1 - j), term.get(t - 1 - j), -1 - j));
    }
    if (pv > tv) {
      unknown.addAll(pattern.axes().subList(tv, pv));
    }
    if (patternSuffix > termSuffix) {
      unknown.addAll(pattern.axes().subList(pv + 1, p - termSuffix));
    }
    List<Axis> rest = pv <= tv && patternSuffix <= termSuffix ? term.axes().subList(pv, t - patternSuffix) : null;
    return new Alignment(pairs, unknown, rest, null);
  }

  private static Alignment rankProblem(String expected, String found) {
    return new Alignment(List.of(), List.of(), null, "expected " + expected + ", found " + found);
  }

  private static String axes(int count, boolean atLeast) {
    return (atLeast ? "at least " : "") + count + (count == 1 ? " axis" : " axes");
  }
}
