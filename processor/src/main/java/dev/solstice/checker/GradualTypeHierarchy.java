package dev.solstice.checker;

import java.util.Collection;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import org.checkerframework.framework.type.AnnotatedTypeMirror;
import org.checkerframework.framework.type.AnnotatedTypeMirror.AnnotatedDeclaredType;
import org.checkerframework.framework.type.TypeHierarchy;

/**
 * Lets every assignment, argument, return, override and type argument pass the Checker
 * Framework's own subtype checks. Shapes are gradual: {@link ShapeVisitor} checks them itself
 * and reports only definite conflicts, in the scope where the names of a spec mean something,
 * with its own messages.
 */
final class GradualTypeHierarchy implements TypeHierarchy {
  @Override
  public boolean isSubtype(AnnotatedTypeMirror subtype, AnnotatedTypeMirror supertype) {
    return true;
  }

  @Override
  public boolean isSubtypeShallowEffective(AnnotatedTypeMirror subtype, AnnotatedTypeMirror supertype) {
    return true;
  }

  @Override
  public boolean isSubtypeShallowEffective(
      AnnotatedTypeMirror subtype, AnnotatedTypeMirror supertype, AnnotationMirror hierarchy) {
    return true;
  }

  @Override
  public boolean isSubtypeShallowEffective(
      AnnotatedTypeMirror subtype, Collection<? extends AnnotationMirror> superQualifiers) {
    return true;
  }

  @Override
  public boolean isSubtypeShallowEffective(
      Collection<? extends AnnotationMirror> subQualifiers, AnnotatedTypeMirror supertype) {
    return true;
  }

  @Override
  public boolean isSubtypeShallowEffective(AnnotatedTypeMirror subtype, AnnotationMirror superQualifier) {
    return true;
  }

  @Override
  public boolean isSubtypeShallowEffective(AnnotationMirror subQualifier, AnnotatedTypeMirror supertype) {
    return true;
  }

  @Override
  public List<Integer> getCovariantArgIndexes(AnnotatedDeclaredType type) {
    return List.of();
  }
}
