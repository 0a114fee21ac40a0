package dev.solstice.checker;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkerframework.javacutil.TreeUtils;

/**
 * The key shape of an element of {@code Key.split(n)}, which has the shape of the split key: of
 * {@code k.split(n)[i]}, and of {@code keys[i]} where {@code Key[] keys = k.split(n)} is a local
 * variable used only to read its elements. A {@code Key[]} element's qualifier is not tracked
 * through flow, so anything else (a reassigned variable, a written element, an array passed
 * elsewhere, a parameter, a field) is unknown.
 */
final class SplitKeys {
  private final ShapeAnnotatedTypeFactory factory;
  private final Map<Element, Boolean> onlyRead = new HashMap<>();

  SplitKeys(ShapeAnnotatedTypeFactory factory) {
    this.factory = factory;
  }

  /** The key shape of {@code access} when it reads an element of a split, else null. */
  @Nullable SymbolicShape elementShape(ArrayAccessTree access) {
    ExpressionTree array = TreeUtils.withoutParens(access.getExpression());
    if (array instanceof IdentifierTree) {
      Element variable = TreeUtils.elementFromUse(array);
      if (variable == null || variable.getKind() != ElementKind.LOCAL_VARIABLE) {
        return null;
      }
      Tree declaration = factory.declarationFromElement(variable);
      if (!(declaration instanceof VariableTree local) || local.getInitializer() == null || !isOnlyRead(variable, local)) {
        return null;
      }
      array = TreeUtils.withoutParens(local.getInitializer());
    }
    ExpressionTree splitKey = splitReceiver(array);
    return splitKey == null ? null : factory.shapeOf(factory.getAnnotatedType(splitKey));
  }

  /** The key {@code k} when {@code tree} is the call {@code k.split(n)}, else null. */
  private static @Nullable ExpressionTree splitReceiver(ExpressionTree tree) {
    if (!(tree instanceof MethodInvocationTree call) || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    ExecutableElement method = TreeUtils.elementFromUse(call);
    boolean split = method.getSimpleName().contentEquals("split")
        && RuntimeTypes.owner(method.getEnclosingElement()) == OpShapeRules.Owner.KEY;
    return split ? select.getExpression() : null;
  }

  /** Whether every use of the local {@code variable} reads an element or the length. */
  private boolean isOnlyRead(Element variable, VariableTree declaration) {
    return onlyRead.computeIfAbsent(variable, v -> {
      TreePath path = factory.getPath(declaration);
      if (path == null || path.getParentPath() == null) {
        return false;
      }
      UseFinder finder = new UseFinder(v);
      finder.scan(path.getParentPath(), null);
      return !finder.otherUse;
    });
  }

  /** Scans the scope of a local array variable for a use other than reading it. */
  private static final class UseFinder extends TreePathScanner<Void, Void> {
    private final Element variable;
    private boolean otherUse;

    UseFinder(Element variable) {
      this.variable = variable;
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void p) {
      if (variable.equals(TreeUtils.elementFromUse(tree)) && !isRead(getCurrentPath())) {
        otherUse = true;
      }
      return null;
    }

    private static boolean isRead(TreePath use) {
      Tree parent = use.getParentPath().getLeaf();
      if (parent instanceof MemberSelectTree select) {
        return select.getIdentifier().contentEquals("length");
      }
      if (!(parent instanceof ArrayAccessTree access) || access.getExpression() != use.getLeaf()) {
        return false;
      }
      Tree grandparent = use.getParentPath().getParentPath().getLeaf();
      boolean written = grandparent instanceof AssignmentTree assignment && assignment.getVariable() == access;
      return !written && !(grandparent instanceof ParenthesizedTree);
    }
  }
}
