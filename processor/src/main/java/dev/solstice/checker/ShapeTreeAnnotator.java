package dev.solstice.checker;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import org.checkerframework.framework.type.AnnotatedTypeMirror;
import org.checkerframework.framework.type.treeannotator.TreeAnnotator;
import org.checkerframework.javacutil.TreeUtils;

/**
 * Types expressions whose shape depends on context: a call gets the result shape {@link
 * CallSites} computes from its arguments, an element of {@code Key.split(n)} the key shape {@link
 * SplitKeys} finds, and a field read through another instance (or a static
 * field) loses the names of its spec, which belong to that instance, not to the reading method.
 */
final class ShapeTreeAnnotator extends TreeAnnotator {
  private final ShapeAnnotatedTypeFactory factory;

  ShapeTreeAnnotator(ShapeAnnotatedTypeFactory factory) {
    super(factory);
    this.factory = factory;
  }

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, AnnotatedTypeMirror type) {
    CallSites.Facts facts = factory.callSites().analyze(tree);
    if (facts != null) {
      type.replaceAnnotation(factory.annotationFor(facts.result()));
    }
    return super.visitMethodInvocation(tree, type);
  }

  @Override
  public Void visitArrayAccess(ArrayAccessTree tree, AnnotatedTypeMirror type) {
    SymbolicShape key = factory.splitKeys().elementShape(tree);
    if (key != null) {
      type.replaceAnnotation(factory.annotationFor(key));
    }
    return super.visitArrayAccess(tree, type);
  }

  @Override
  public Void visitMemberSelect(MemberSelectTree tree, AnnotatedTypeMirror type) {
    Element element = TreeUtils.elementFromUse(tree);
    if (isField(element) && (isStatic(element) || !isThis(tree.getExpression()))) {
      forgetNames(type);
    }
    return super.visitMemberSelect(tree, type);
  }

  @Override
  public Void visitIdentifier(IdentifierTree tree, AnnotatedTypeMirror type) {
    Element element = TreeUtils.elementFromUse(tree);
    if (isField(element) && isStatic(element)) {
      forgetNames(type);
    }
    return super.visitIdentifier(tree, type);
  }

  private void forgetNames(AnnotatedTypeMirror type) {
    SymbolicShape shape = factory.shapeOf(type);
    if (shape != null && !shape.names().isEmpty()) {
      type.replaceAnnotation(factory.annotationFor(shape.withoutNames()));
    }
  }

  private static boolean isField(Element element) {
    return element != null && element.getKind() == ElementKind.FIELD;
  }

  private static boolean isStatic(Element element) {
    return element.getModifiers().contains(Modifier.STATIC);
  }

  private static boolean isThis(ExpressionTree expression) {
    ExpressionTree receiver = TreeUtils.withoutParens(expression);
    if (receiver instanceof IdentifierTree identifier) {
      return identifier.getName().contentEquals("this");
    }
    return receiver instanceof MemberSelectTree select && select.getIdentifier().contentEquals("this");
  }
}
