package dev.solstice.checker;

import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Matches shapes against the specs of one scope, jaxtyping's rules done symbolically: the first
 * occurrence of a name binds it to the caller's size, later ones must agree; fixed sizes must
 * agree; {@code #} axes also take 1; {@code _} and {@code ...} take anything; a named run binds a
 * stretch of axes; an expression such as {@code n+1} is evaluated with what is bound (after the
 * other arguments, if it names a dim they bind).
 *
 * <p>Only a definite conflict fails a match. What depends on unknown sizes is reported as not
 * proven, and the binding is left to a later argument: if the run-time check passes, that size is
 * what the later argument says.
 */
final class Unifier {
  /** One problem and the argument it belongs to. */
  record Finding(String origin, Mismatch mismatch) {}

  /** An expression axis waiting for names that later arguments may bind. */
  private record Deferred(Axis.Size pattern, Axis term, String where, String origin) {}

  private Bindings bindings;
  private final List<Deferred> deferred = new ArrayList<>();

  Unifier(Bindings bindings) {
    this.bindings = bindings;
  }

  Bindings bindings() {
    return bindings;
  }

  /**
   * Matches {@code term}, the shape of the argument {@code origin} (null when unknown), against
   * {@code pattern}, binding the pattern's names. A definite conflict is returned first and undoes
   * the bindings this argument made, as a failed run-time check does.
   */
  List<Mismatch> match(SymbolicShape pattern, @Nullable SymbolicShape term, String origin) {
    List<Mismatch> problems = new ArrayList<>();
    if (term == null || term.isUnknown()) {
      if (constrains(pattern)) {
        problems.add(unproven("its shape is not known"));
      }
      return problems;
    }
    Bindings before = bindings.copy();
    Alignment alignment = Alignment.of(pattern, term);
    Mismatch conflict = null;
    if (alignment.rankProblem() != null) {
      conflict = definite(alignment.rankProblem());
    }
    for (int i = 0; conflict == null && i < alignment.pairs().size(); i++) {
      Alignment.Pair pair = alignment.pairs().get(i);
      Mismatch problem = matchAxis(pair.pattern(), pair.term(), "axis " + pair.termIndex(), origin);
      if (problem != null && problem.definite()) {
        conflict = problem;
      } else if (problem != null) {
        problems.add(problem);
      }
    }
    if (conflict == null && pattern.hasRest()) {
      Axis.Rest run = (Axis.Rest) pattern.get(pattern.restIndex());
      Mismatch problem = matchRun(run, alignment.rest(), origin);
      if (problem != null && problem.definite()) {
        conflict = problem;
      } else if (problem != null) {
        problems.add(problem);
      }
    }
    if (conflict != null) {
      bindings = before;
      problems.add(0, conflict);
      return problems;
    }
    if (alignment.unknown().stream().anyMatch(axis -> !(axis instanceof Axis.AnySize))) {
      problems.add(unproven("the axes facing " + term.get(term.restIndex()) + " are not known"));
    }
    // One reason is enough to say why an argument is not proven.
    return problems.isEmpty() ? problems : List.of(problems.get(0));
  }

  /** Checks the expression axes that waited for later arguments; call after the last argument. */
  List<Finding> finish() {
    List<Finding> findings = new ArrayList<>();
    for (Deferred wait : deferred) {
      DimExpr value = wait.pattern().size().substitute(bindings::sizeOf);
      Mismatch problem;
      if (value == null) {
        problem = unproven(wait.where() + ": " + wait.pattern().size() + " names a dim that is not bound");
      } else {
        Axis.Size expected = new Axis.Size(value, wait.pattern().broadcast());
        problem = compare(expected, wait.term(), wait.where(), describe(wait.pattern(), value));
      }
      if (problem != null) {
        findings.add(new Finding(wait.origin(), problem));
      }
    }
    deferred.clear();
    return findings;
  }

  private @Nullable Mismatch matchAxis(Axis pattern, Axis term, String where, String origin) {
    if (!(pattern instanceof Axis.Size)) {
      return null;
    }
    Axis.Size expected = (Axis.Size) pattern;
    String name = expected.size().singleName();
    if (name != null) {
      Bindings.Dim bound = bindings.dim(name);
      if (bound != null) {
        Axis.Size value = new Axis.Size(bound.size().size(), expected.broadcast());
        return compare(value, term, where, describe(expected, bound.size().size()));
      }
      if (expected.broadcast() && Relation.isOne(term)) {
        return null;
      }
      if (term instanceof Axis.Size && !term.broadcast()) {
        bindings.bind(name, (Axis.Size) term, origin);
        return null;
      }
      return unproven(where + ": " + name + " faces " + term + ", whose size is not known");
    }
    DimExpr value = expected.size().substitute(bindings::sizeOf);
    if (value == null) {
      deferred.add(new Deferred(expected, term, where, origin));
      return null;
    }
    return compare(new Axis.Size(value, expected.broadcast()), term, where, describe(expected, value));
  }

  private @Nullable Mismatch matchRun(Axis.Rest run, @Nullable List<Axis> axes, String origin) {
    if (run.isUnknown()) {
      return null;
    }
    String where = "axes of *" + run.name();
    if (axes == null) {
      return unproven(where + ": they face axes that are not known");
    }
    Bindings.Run bound = bindings.run(run.name());
    if (bound == null) {
      bindings.bindRun(run.name(), axes, origin);
      return null;
    }
    SymbolicShape expected = SymbolicShape.of(bound.axes());
    SymbolicShape found = SymbolicShape.of(axes);
    if (expected.equals(found)) {
      return null;
    }
    String text = where + ": expected [" + expected + "], found [" + found + "]";
    Alignment alignment = Alignment.of(expected, found);
    if (alignment.rankProblem() != null && !run.broadcast()) {
      return definite(text + " (" + alignment.rankProblem() + ")");
    }
    for (Alignment.Pair pair : alignment.pairs()) {
      if (!run.broadcast() && Relation.of(pair.pattern(), pair.term()) == Relation.DIFFERENT) {
        return definite(text);
      }
    }
    return unproven(text);
  }

  private @Nullable Mismatch compare(Axis.Size expected, Axis term, String where, String expectedText) {
    if (expected.broadcast() && Relation.isOne(term)) {
      return null;
    }
    Relation relation = Relation.of(new Axis.Size(expected.size(), false), term);
    if (relation == Relation.EQUAL) {
      return null;
    }
    String reason = where + ": expected " + expectedText + ", found " + term;
    return relation == Relation.DIFFERENT ? definite(reason) : unproven(reason);
  }

  /** How an expected axis reads in a message: {@code 1}, {@code batch=1000}, {@code n+1=5}. */
  private static String describe(Axis.Size pattern, DimExpr value) {
    String written = pattern.size().toString();
    String shown = value.toString();
    return (pattern.broadcast() ? "#" : "") + (written.equals(shown) ? written : written + "=" + shown);
  }

  private Mismatch definite(String reason) {
    return new Mismatch(true, reason, bindings.describe());
  }

  private Mismatch unproven(String reason) {
    return new Mismatch(false, reason, bindings.describe());
  }

  /** Whether {@code spec} says anything at all about a shape. */
  private static boolean constrains(SymbolicShape spec) {
    return !spec.isUnknown();
  }
}
