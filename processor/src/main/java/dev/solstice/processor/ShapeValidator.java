package dev.solstice.processor;

import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;

/** Checks the {@code @Shape} annotations inside a type: only on {@code Tensor}, and well formed. */
final class ShapeValidator {
  private ShapeValidator() {}

  /**
   * Adds an error to {@code report} for each {@code @Shape} in {@code type} that is not on a
   * {@code Tensor} or whose dims string does not parse.
   *
   * @param what names the declaration for messages, such as {@code "component bias of Linear"}
   * @param at the element the errors are positioned on
   */
  static void check(TypeMirror type, String what, Element at, ValidationReport report) {
    for (TypeMirror part : TreeTypes.parts(type)) {
      String spec = TreeTypes.shapeOf(part);
      if (spec == null) {
        continue;
      }
      if (!TreeTypes.isTensor(part)) {
        report.addError(
            String.format(
                "@Shape(\"%s\") on %s annotates %s, but @Shape applies to Tensor types only; put it on"
                    + " the Tensor itself (for example List<@Shape(\"%s\") Tensor>) or remove it",
                spec, what, TreeTypes.describe(part), spec),
            at);
        continue;
      }
      String problem = ShapeSpecs.syntaxProblem(spec);
      if (problem != null) {
        report.addError(
            String.format("@Shape(\"%s\") on %s is not a valid dims string: %s", spec, what, problem), at);
      }
    }
  }
}
