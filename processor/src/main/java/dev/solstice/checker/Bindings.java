package dev.solstice.checker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The dims bound in one scope so far: each name of a callee's specs to a size of the caller, and
 * each named run of axes ({@code *batch}) to a stretch of the caller's axes, with the argument
 * that bound it. Names of single axes and of runs are separate, as in jaxtyping.
 */
final class Bindings {
  /** A single-axis name bound to {@code size}, a size of the caller's scope. */
  record Dim(Axis.Size size, String origin) {}

  /** A run name bound to {@code axes}, axes of the caller's scope (maybe with a run of its own). */
  record Run(List<Axis> axes, String origin) {}

  private final LinkedHashMap<String, Dim> dims;
  private final LinkedHashMap<String, Run> runs;

  private Bindings(LinkedHashMap<String, Dim> dims, LinkedHashMap<String, Run> runs) {
    this.dims = dims;
    this.runs = runs;
  }

  static Bindings empty() {
    return new Bindings(new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  /**
   * Bindings in which each of {@code shapes}' names stands for itself, bound by {@code origin}:
   * a spec checked in its own scope, or a record's dims seen from a method of the same instance.
   */
  static Bindings identity(Collection<SymbolicShape> shapes, String origin) {
    Bindings bindings = empty();
    for (SymbolicShape shape : shapes) {
      for (Axis axis : shape.axes()) {
        if (axis instanceof Axis.Size) {
          for (String name : ((Axis.Size) axis).size().names()) {
            bindings.dims.putIfAbsent(name, new Dim(Axis.Size.of(DimExpr.name(name)), origin));
          }
        } else if (axis instanceof Axis.Rest && !((Axis.Rest) axis).isUnknown()) {
          String name = ((Axis.Rest) axis).name();
          bindings.runs.putIfAbsent(name, new Run(List.of(new Axis.Rest(name, false)), origin));
        }
      }
    }
    return bindings;
  }

  Bindings copy() {
    return new Bindings(new LinkedHashMap<>(dims), new LinkedHashMap<>(runs));
  }

  @Nullable Dim dim(String name) {
    return dims.get(name);
  }

  @Nullable Run run(String name) {
    return runs.get(name);
  }

  void bind(String name, Axis.Size size, String origin) {
    dims.put(name, new Dim(size, origin));
  }

  void bindRun(String name, List<Axis> axes, String origin) {
    runs.put(name, new Run(List.copyOf(axes), origin));
  }

  /** The caller's size bound to {@code name}, or null when it is not bound. */
  @Nullable DimExpr sizeOf(String name) {
    Dim dim = dims.get(name);
    return dim == null ? null : dim.size().size();
  }

  /**
   * {@code spec} in the caller's terms: bound names replaced by what they are bound to, anything
   * unbound (or an expression of something unbound) unknown.
   */
  SymbolicShape substitute(SymbolicShape spec) {
    List<Axis> result = new ArrayList<>();
    for (Axis axis : spec.axes()) {
      if (axis instanceof Axis.Size) {
        Axis.Size size = (Axis.Size) axis;
        DimExpr value = size.size().substitute(this::sizeOf);
        boolean known = value != null && value.couldBeSize();
        result.add(known ? new Axis.Size(value, size.broadcast()) : Axis.AnySize.INSTANCE);
      } else if (axis instanceof Axis.Rest && !((Axis.Rest) axis).isUnknown()) {
        Run run = runs.get(((Axis.Rest) axis).name());
        if (run == null) {
          result.add(Axis.Rest.UNKNOWN);
        } else {
          result.addAll(run.axes());
        }
      } else {
        result.add(axis);
      }
    }
    return SymbolicShape.of(result);
  }

  /** The bindings for a message, in binding order: {@code "batch=1000 (bound by x)"}. */
  String describe() {
    StringJoiner text = new StringJoiner(", ");
    for (Map.Entry<String, Dim> entry : dims.entrySet()) {
      Dim dim = entry.getValue();
      text.add(entry.getKey() + "=" + dim.size() + " (bound by " + dim.origin() + ")");
    }
    for (Map.Entry<String, Run> entry : runs.entrySet()) {
      Run run = entry.getValue();
      text.add("*" + entry.getKey() + "=[" + SymbolicShape.of(run.axes()) + "] (bound by " + run.origin() + ")");
    }
    return text.length() == 0 ? "none" : text.toString();
  }
}
