package dev.solstice.checker;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.UnaryTree;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkerframework.javacutil.TreeUtils;

/**
 * The sizes that {@code int} arguments of runtime ops stand for: constants ({@code 3}, {@code -1},
 * {@code HIDDEN}, {@code 28 * 28}), sizes read from tensors ({@code x.dim(0)}, {@code
 * x.shape()[1]}, {@code x.size()}) and sums and products of those. Anything else is unknown.
 */
final class IntArguments {
  private final Function<ExpressionTree, @Nullable SymbolicShape> tensorShapes;

  /** @param tensorShapes the shape of a tensor expression, null when unknown */
  IntArguments(Function<ExpressionTree, @Nullable SymbolicShape> tensorShapes) {
    this.tensorShapes = tensorShapes;
  }

  /** The size {@code tree} stands for: an {@link Axis.Size}, or {@link Axis.AnySize}. */
  Axis value(ExpressionTree tree) {
    DimExpr value = evaluate(TreeUtils.withoutParens(tree));
    return value == null ? Axis.AnySize.INSTANCE : Axis.Size.of(value);
  }

  /** The sizes an {@code int[]} expression holds, or null when unknown. */
  @Nullable List<Axis> values(ExpressionTree tree) {
    ExpressionTree expression = TreeUtils.withoutParens(tree);
    if (expression instanceof NewArrayTree array && array.getInitializers() != null) {
      List<Axis> values = new ArrayList<>();
      for (ExpressionTree element : array.getInitializers()) {
        values.add(value(element));
      }
      return values;
    }
    SymbolicShape shape = tensorQuery(expression, "shape", 0);
    if (shape == null || shape.hasRest()) {
      return null;
    }
    List<Axis> values = new ArrayList<>();
    for (Axis axis : shape.axes()) {
      values.add(size(axis));
    }
    return values;
  }

  private @Nullable DimExpr evaluate(ExpressionTree tree) {
    if (tree instanceof LiteralTree literal) {
      return literal.getValue() instanceof Integer value ? DimExpr.constant(value) : null;
    }
    if (tree instanceof UnaryTree unary) {
      DimExpr operand = evaluate(TreeUtils.withoutParens(unary.getExpression()));
      if (operand == null) {
        return null;
      }
      switch (tree.getKind()) {
        case UNARY_MINUS:
          return operand.times(DimExpr.constant(-1));
        case UNARY_PLUS:
          return operand;
        default:
          return null;
      }
    }
    if (tree instanceof BinaryTree binary) {
      return arithmetic(binary);
    }
    Element element = TreeUtils.elementFromTree(tree);
    if (element instanceof VariableElement variable && variable.getConstantValue() instanceof Integer value) {
      return DimExpr.constant(value);
    }
    if (tree instanceof MethodInvocationTree call) {
      return tensorSize(call);
    }
    if (tree instanceof ArrayAccessTree access) {
      SymbolicShape shape = tensorQuery(TreeUtils.withoutParens(access.getExpression()), "shape", 0);
      DimExpr index = evaluate(TreeUtils.withoutParens(access.getIndex()));
      if (shape != null && index != null && index.isConstant() && index.constantValue() >= 0) {
        return sizeOf(shape.axis(index.constantValue()));
      }
    }
    return null;
  }

  private @Nullable DimExpr arithmetic(BinaryTree binary) {
    DimExpr left = evaluate(TreeUtils.withoutParens(binary.getLeftOperand()));
    DimExpr right = evaluate(TreeUtils.withoutParens(binary.getRightOperand()));
    if (left == null || right == null) {
      return null;
    }
    switch (binary.getKind()) {
      case PLUS:
        return left.plus(right);
      case MINUS:
        return left.minus(right);
      case MULTIPLY:
        return left.times(right);
      case DIVIDE:
        boolean exact = left.isConstant() && right.isConstant() && right.constantValue() != 0
            && left.constantValue() % right.constantValue() == 0;
        return exact ? DimExpr.constant(left.constantValue() / right.constantValue()) : null;
      default:
        return null;
    }
  }

  /** {@code t.dim(k)}, {@code t.size()} or {@code t.rank()} of a tensor {@code t}. */
  private @Nullable DimExpr tensorSize(MethodInvocationTree call) {
    SymbolicShape dimShape = tensorQuery(call, "dim", 1);
    if (dimShape != null) {
      DimExpr axis = evaluate(TreeUtils.withoutParens(call.getArguments().get(0)));
      return axis == null || !axis.isConstant() ? null : sizeOf(dimShape.axis(axis.constantValue()));
    }
    SymbolicShape sizeShape = tensorQuery(call, "size", 0);
    if (sizeShape != null) {
      DimExpr count = DimExpr.constant(1);
      for (Axis axis : sizeShape.axes()) {
        DimExpr size = sizeOf(axis);
        if (size == null) {
          return null;
        }
        count = count.times(size);
      }
      return count;
    }
    SymbolicShape rankShape = tensorQuery(call, "rank", 0);
    return rankShape == null || rankShape.hasRest() ? null : DimExpr.constant(rankShape.size());
  }

  /**
   * The shape of {@code t} when {@code tree} is the call {@code t.method(...)} of a {@code
   * Tensor} method with {@code arity} arguments, else null.
   */
  private @Nullable SymbolicShape tensorQuery(ExpressionTree tree, String method, int arity) {
    if (!(tree instanceof MethodInvocationTree call) || call.getArguments().size() != arity) {
      return null;
    }
    ExecutableElement element = TreeUtils.elementFromUse(call);
    if (!element.getSimpleName().contentEquals(method)
        || !RuntimeTypes.isTensor(element.getEnclosingElement())
        || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    return tensorShapes.apply(select.getExpression());
  }

  private static @Nullable DimExpr sizeOf(@Nullable Axis axis) {
    return axis instanceof Axis.Size s && !s.broadcast() ? s.size() : null;
  }

  private static Axis size(Axis axis) {
    DimExpr size = sizeOf(axis);
    return size == null ? Axis.AnySize.INSTANCE : Axis.Size.of(size);
  }
}
