package dev.solstice.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The errors found while validating one {@code @Model} record, each anchored on the element (and
 * where it helps the annotation) it is about. Validation fills a report and never prints; the
 * processor prints it and generates code only when it {@link #isClean()}.
 */
final class ValidationReport {
  private record Item(String message, Element element, AnnotationMirror annotation) {}

  private final List<Item> errors = new ArrayList<>();

  /** Records an error positioned on {@code element}. */
  void addError(String message, Element element) {
    errors.add(new Item(message, element, null));
  }

  /** Records an error positioned on {@code annotation} of {@code element}. */
  void addError(String message, Element element, AnnotationMirror annotation) {
    errors.add(new Item(message, element, annotation));
  }

  /** True when no error was found. */
  boolean isClean() {
    return errors.isEmpty();
  }

  /** Prints every error, in the order found. */
  void printMessagesTo(Messager messager) {
    for (Item error : errors) {
      if (error.annotation() == null) {
        messager.printMessage(Diagnostic.Kind.ERROR, error.message(), error.element());
      } else {
        messager.printMessage(Diagnostic.Kind.ERROR, error.message(), error.element(), error.annotation());
      }
    }
  }
}
