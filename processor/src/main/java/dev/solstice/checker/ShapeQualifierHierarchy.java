package dev.solstice.checker;

import dev.solstice.annotations.Shape;
import java.lang.annotation.Annotation;
import java.util.Collection;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.util.Elements;
import org.checkerframework.framework.type.MostlyNoElementQualifierHierarchy;
import org.checkerframework.framework.util.QualifierKind;

/**
 * {@code @UnknownShape} above every {@code @Shape(spec)}, above {@code @ShapeBottom}; among
 * {@code @Shape}s, the {@link ShapeLattice precision order} of their normalised specs.
 *
 * <p>This order is what flow refinement uses to join shapes and to decide whether an inferred
 * shape is more precise than a declared one. It is not what the checker reports errors with:
 * {@link ShapeVisitor} reports only definite conflicts (see {@link GradualTypeHierarchy}).
 */
final class ShapeQualifierHierarchy extends MostlyNoElementQualifierHierarchy {
  private final ShapeAnnotatedTypeFactory factory;
  private final QualifierKind shapeKind;

  ShapeQualifierHierarchy(
      Collection<Class<? extends Annotation>> qualifiers, Elements elements, ShapeAnnotatedTypeFactory factory) {
    super(qualifiers, elements, factory);
    this.factory = factory;
    this.shapeKind = getQualifierKind(Shape.class.getCanonicalName());
  }

  @Override
  protected boolean isSubtypeWithElements(
      AnnotationMirror subAnno, QualifierKind subKind, AnnotationMirror superAnno, QualifierKind superKind) {
    SymbolicShape sub = factory.shapeOf(subAnno);
    SymbolicShape sup = factory.shapeOf(superAnno);
    if (sub == null || sup == null) {
      // A spec that does not parse (reported by ShapeVisitor) says nothing.
      return sup == null;
    }
    return ShapeLattice.covers(sup, sub);
  }

  @Override
  protected AnnotationMirror leastUpperBoundWithElements(
      AnnotationMirror a1, QualifierKind kind1, AnnotationMirror a2, QualifierKind kind2, QualifierKind lubKind) {
    if (kind1 != shapeKind) {
      return a2;
    }
    if (kind2 != shapeKind) {
      return a1;
    }
    SymbolicShape x = factory.shapeOf(a1);
    SymbolicShape y = factory.shapeOf(a2);
    return factory.annotationFor(x == null || y == null ? null : ShapeLattice.join(x, y));
  }

  @Override
  protected AnnotationMirror greatestLowerBoundWithElements(
      AnnotationMirror a1, QualifierKind kind1, AnnotationMirror a2, QualifierKind kind2, QualifierKind glbKind) {
    if (kind1 != shapeKind) {
      return a2;
    }
    if (kind2 != shapeKind) {
      return a1;
    }
    if (isSubtypeWithElements(a1, kind1, a2, kind2)) {
      return a1;
    }
    if (isSubtypeWithElements(a2, kind2, a1, kind1)) {
      return a2;
    }
    return factory.bottom();
  }
}
