package dev.solstice.checker;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import dev.solstice.annotations.Shape;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import org.checkerframework.framework.type.AnnotatedTypeMirror;
import org.checkerframework.framework.type.AnnotatedTypeMirror.AnnotatedArrayType;
import org.checkerframework.framework.type.AnnotatedTypeMirror.AnnotatedDeclaredType;
import org.checkerframework.javacutil.TreeUtils;

/**
 * Whether a method (or field initializer) can matter to the shape checker at all. Shapes come only from {@code @Shape}
 * annotations, from fields declared with one, and from calls of runtime ops or of methods and
 * constructors with specs; a method that mentions none of these (its lambdas and local classes
 * included) has no shape to check, so neither flow analysis nor the visitor needs to look at it.
 * In the runtime and in example programs most of the compile time of such methods (array loops,
 * I/O, argument parsing) is saved.
 */
final class ShapeRelevance {
  private final ShapeAnnotatedTypeFactory factory;
  private final Map<Tree, Boolean> code = new IdentityHashMap<>();
  private final Map<Element, Boolean> fields = new HashMap<>();

  ShapeRelevance(ShapeAnnotatedTypeFactory factory) {
    this.factory = factory;
  }

  /**
   * Whether {@code tree} (a method, a field with its initializer, an initializer block) mentions
   * anything with a shape; computed once per tree.
   */
  boolean mentionsShapes(Tree tree) {
    return code.computeIfAbsent(tree, t -> new Finder().search(t));
  }

  private boolean isShapedField(Element element) {
    return fields.computeIfAbsent(element, field -> containsShape(factory.getAnnotatedType(field)));
  }

  private static boolean containsShape(AnnotatedTypeMirror type) {
    if (type.hasPrimaryAnnotation(Shape.class)) {
      return true;
    }
    if (type instanceof AnnotatedArrayType array) {
      return containsShape(array.getComponentType());
    }
    if (type instanceof AnnotatedDeclaredType declared) {
      return declared.getTypeArguments().stream().anyMatch(ShapeRelevance::containsShape);
    }
    return false;
  }

  /** Scans one method until it finds something with a shape. */
  private final class Finder extends TreeScanner<Void, Void> {
    private boolean found;

    boolean search(Tree tree) {
      scan(tree, null);
      return found;
    }

    @Override
    public Void scan(Tree tree, Void p) {
      return found ? null : super.scan(tree, p);
    }

    @Override
    public Void visitAnnotation(AnnotationTree tree, Void p) {
      Element type = TreeUtils.elementFromTree(tree.getAnnotationType());
      if (type instanceof TypeElement annotation && annotation.getQualifiedName().contentEquals(Shape.class.getCanonicalName())) {
        found = true;
        return null;
      }
      return super.visitAnnotation(tree, p);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void p) {
      noteCallee(TreeUtils.elementFromUse(tree));
      return super.visitMethodInvocation(tree, p);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void p) {
      noteCallee(TreeUtils.elementFromUse(tree));
      return super.visitNewClass(tree, p);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void p) {
      noteField(TreeUtils.elementFromUse(tree));
      return super.visitIdentifier(tree, p);
    }

    @Override
    public Void visitMemberSelect(MemberSelectTree tree, Void p) {
      noteField(TreeUtils.elementFromUse(tree));
      return super.visitMemberSelect(tree, p);
    }

    private void noteCallee(ExecutableElement callee) {
      found |= callee != null && factory.callSites().callee(callee).isRelevant();
    }

    private void noteField(Element element) {
      found |= element != null && element.getKind() == ElementKind.FIELD && isShapedField(element);
    }
  }
}
