package dev.solstice.checker;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The shape rules of the runtime's ops ({@code dev.solstice.runtime.Tensor}, {@code
 * random.Key}, {@code Losses}), which the runtime cannot state as {@code @Shape} specs because
 * their result depends on int arguments or on numpy's rank rules: creation from literal sizes,
 * broadcasting, reductions over an axis, reshape with -1, transpose, concat, stack, slicing,
 * take and matmul in all its rank cases.
 *
 * <p>Each rule gives the result shape (null when unknown) and the problems it finds. Ops are
 * keyed by name and parameter kinds ({@link OpValue#descriptor}); an op without a rule has an
 * unknown result.
 */
final class OpShapeRules {
  /** The runtime class declaring an op. */
  enum Owner {
    TENSOR,
    KEY,
    LOSSES
  }

  /**
   * A problem found by a rule.
   *
   * @param position the argument at fault (its index as written), or -1 for the call as a whole
   */
  record Problem(int position, boolean definite, String reason) {}

  /** The result shape (null when unknown) and the problems. */
  record Outcome(@Nullable SymbolicShape result, List<Problem> problems) {}

  private static final int CALL = -1;
  private static final int UNKNOWN_AXIS = -1;
  private static final int INVALID_AXIS = -2;

  private static final Set<String> ELEMENTWISE =
      Set.of(
          "add", "sub", "mul", "div", "pow", "maximum", "minimum", "gt", "ge", "lt", "le", "eq",
          "ne");
  private static final Set<String> SAME_SHAPE =
      Set.of(
          "neg", "square", "sqrt", "rsqrt", "exp", "log", "tanh", "relu", "sigmoid", "gelu", "abs",
          "sign", "detach", "copy");
  private static final Set<String> REDUCTIONS =
      Set.of("sum", "mean", "max", "min", "var", "logsumexp", "argmax");
  private static final Set<String> KEY_DRAWS =
      Set.of("uniform(N)", "uniform(OON)", "normal(N)", "bits(N)", "bernoulli(ON)", "randint(IIN)");

  private final SymbolicShape receiver;
  private final List<Problem> problems = new ArrayList<>();

  private OpShapeRules(@Nullable SymbolicShape receiver) {
    this.receiver = receiver == null ? unknown() : receiver;
  }

  /**
   * Applies the rule of op {@code name} of {@code owner}.
   *
   * @param receiver the receiver's shape for an instance method of {@code Tensor} or {@code Key}
   *     (a key's shape is that of its key array, {@code []} for a single key), else null
   */
  static Outcome apply(Owner owner, String name, @Nullable SymbolicShape receiver, List<OpValue> arguments) {
    OpShapeRules rules = new OpShapeRules(receiver);
    String descriptor = OpValue.descriptor(name, arguments);
    SymbolicShape result;
    switch (owner) {
      case TENSOR:
        result = rules.tensor(name, descriptor, arguments);
        break;
      case KEY:
        result = rules.key(descriptor, arguments);
        break;
      default:
        result = rules.losses(descriptor, arguments);
        break;
    }
    boolean known = result != null && !result.isUnknown();
    return new Outcome(known ? result : null, rules.problems);
  }

  private @Nullable SymbolicShape tensor(String name, String descriptor, List<OpValue> a) {
    if (ELEMENTWISE.contains(name) && descriptor.endsWith("(T)")) {
      return broadcast(receiver, tensor(a, 0), position(a, 0));
    }
    if (ELEMENTWISE.contains(name) && descriptor.endsWith("(O)")
        || SAME_SHAPE.contains(name) && descriptor.endsWith("()")) {
      return receiver;
    }
    if (REDUCTIONS.contains(name)) {
      return reduction(descriptor.substring(name.length()), a);
    }
    switch (descriptor) {
      case "of(ON)":
      case "ofInts(NN)":
      case "ofBools(ON)":
      case "full(ON)":
        return sizes(a.get(1));
      case "zeros(N)":
      case "ones(N)":
        return sizes(a.get(0));
      case "scalar(O)":
        return SymbolicShape.scalar();
      case "arange(I)":
        return SymbolicShape.of(List.of(size(a.get(0))));
      case "linspace(OOI)":
        return SymbolicShape.of(List.of(size(a.get(2))));
      case "tril(I)":
      case "triu(I)":
        return SymbolicShape.of(List.of(size(a.get(0)), size(a.get(0))));
      case "zerosLike(T)":
      case "onesLike(T)":
        return tensor(a, 0);
      case "where(TTT)":
        SymbolicShape condition = broadcast(tensor(a, 0), tensor(a, 1), position(a, 1));
        return condition == null ? null : broadcast(condition, tensor(a, 2), position(a, 2));
      case "concat(IS)":
        return concat((OpValue.Int) a.get(0), ((OpValue.Tensors) a.get(1)).elements());
      case "stack(IS)":
        return stack((OpValue.Int) a.get(0), ((OpValue.Tensors) a.get(1)).elements());
      case "asType(O)":
        return receiver;
      case "softmax(I)":
      case "logSoftmax(I)":
        return resolve(receiver, (OpValue.Int) a.get(0), 0) == INVALID_AXIS ? null : receiver;
      case "reshape(N)":
        return reshape((OpValue.Ints) a.get(0));
      case "transpose()":
        return receiver.reversed();
      case "transpose(N)":
        return permute((OpValue.Ints) a.get(0));
      case "swapaxes(II)":
        return swap((OpValue.Int) a.get(0), (OpValue.Int) a.get(1));
      case "expandDims(I)":
        return expandDims((OpValue.Int) a.get(0));
      case "squeeze(I)":
        return squeeze((OpValue.Int) a.get(0));
      case "broadcastTo(N)":
        return broadcastTo((OpValue.Ints) a.get(0));
      case "slice(III)":
        return slice((OpValue.Int) a.get(0), (OpValue.Int) a.get(1), (OpValue.Int) a.get(2));
      case "take(T)":
        return take(tensor(a, 0), new OpValue.Int(Axis.Size.of(0), CALL));
      case "take(TI)":
        return take(tensor(a, 0), (OpValue.Int) a.get(1));
      case "matmul(T)":
        return matmul(tensor(a, 0), position(a, 0));
      default:
        return null;
    }
  }

  /**
   * The rules of {@code Key}, whose receiver shape is its key shape: {@code []} for a single key,
   * {@code [n]} for an array of n keys. A draw from a key of shape k has shape k + sizes.
   */
  private @Nullable SymbolicShape key(String descriptor, List<OpValue> a) {
    if (KEY_DRAWS.contains(descriptor)) {
      SymbolicShape drawn = sizes(a.get(a.size() - 1));
      return drawn == null ? null : joined(receiver, drawn);
    }
    switch (descriptor) {
      case "permutation(I)":
        return joined(receiver, SymbolicShape.of(List.of(size(a.get(0)))));
      case "of(O)":
        return SymbolicShape.scalar();
      case "foldIn(I)":
        return receiver;
      case "splitArray(I)":
        return joined(receiver, SymbolicShape.of(List.of(size(a.get(0)))));
      case "get(I)":
        return keyArrayElement();
      default:
        return null;
    }
  }

  /** The key shape of {@code keys.get(i)}: the receiver without its first axis. */
  private @Nullable SymbolicShape keyArrayElement() {
    if (!receiver.hasRest() && receiver.size() == 0) {
      problems.add(new Problem(CALL, true, "get needs a key array, this is a single key"));
      return null;
    }
    boolean firstKnown = !receiver.hasRest() || receiver.restIndex() > 0;
    return firstKnown ? SymbolicShape.of(receiver.axes().subList(1, receiver.size())) : null;
  }

  private @Nullable SymbolicShape losses(String descriptor, List<OpValue> a) {
    if (descriptor.equals("mse(TT)")) {
      requireSame(tensor(a, 0), tensor(a, 1), position(a, 1), "prediction and target must have the same shape");
      return SymbolicShape.scalar();
    }
    if (descriptor.equals("softmaxCrossEntropyWithIntegerLabels(TT)")) {
      SymbolicShape logits = tensor(a, 0);
      if (!logits.hasRest() && logits.size() == 0) {
        problems.add(new Problem(position(a, 0), true, "logits need a class axis, found a scalar"));
        return null;
      }
      SymbolicShape examples = dropLast(logits);
      requireSame(examples, tensor(a, 1), position(a, 1), "labels must have the shape of logits without the class axis");
      return examples;
    }
    return null;
  }

  // ---- creation

  /** The shape given by an {@code int...} argument, or null when its contents are unknown. */
  private static @Nullable SymbolicShape sizes(OpValue value) {
    List<Axis> values = ((OpValue.Ints) value).values();
    if (values == null) {
      return null;
    }
    List<Axis> axes = new ArrayList<>();
    for (Axis axis : values) {
      axes.add(asSize(axis));
    }
    return SymbolicShape.of(axes);
  }

  private static Axis size(OpValue value) {
    return asSize(((OpValue.Int) value).value());
  }

  /** A size argument as an axis: unknown when it cannot be a size (a negative constant). */
  private static Axis asSize(Axis value) {
    return value instanceof Axis.Size s && s.size().couldBeSize() ? value : Axis.AnySize.INSTANCE;
  }

  // ---- elementwise

  private @Nullable SymbolicShape broadcast(SymbolicShape a, SymbolicShape b, int position) {
    Broadcasting.Result result = Broadcasting.of(a, b);
    if (result.conflict() != null) {
      problems.add(new Problem(position, true, "shapes do not broadcast: " + result.conflict()));
      return null;
    }
    if (result.unproven() != null) {
      problems.add(new Problem(position, false, "shapes may not broadcast: " + result.unproven()));
    }
    return result.shape();
  }

  // ---- reductions

  private @Nullable SymbolicShape reduction(String kinds, List<OpValue> a) {
    switch (kinds) {
      case "()":
        return SymbolicShape.scalar();
      case "(I)":
        return reduce(List.of((OpValue.Int) a.get(0)), false);
      case "(IB)":
        Boolean keep = ((OpValue.Bool) a.get(1)).value();
        return keep == null ? null : reduce(List.of((OpValue.Int) a.get(0)), keep);
      case "(NB)":
        OpValue.Ints axes = (OpValue.Ints) a.get(0);
        Boolean keepAll = ((OpValue.Bool) a.get(1)).value();
        if (axes.values() == null || keepAll == null) {
          return null;
        }
        List<OpValue.Int> each = new ArrayList<>();
        for (Axis axis : axes.values()) {
          each.add(new OpValue.Int(axis, axes.position()));
        }
        return reduce(each, keepAll);
      default:
        return null;
    }
  }

  private @Nullable SymbolicShape reduce(List<OpValue.Int> axes, boolean keepdims) {
    List<Axis> result = new ArrayList<>(receiver.axes());
    List<Integer> removed = new ArrayList<>();
    for (OpValue.Int axis : axes) {
      int index = resolve(receiver, axis, 0);
      if (index < 0) {
        return null;
      }
      if (keepdims) {
        result.set(index, Axis.Size.of(1));
      } else {
        removed.add(index);
      }
    }
    removed.sort((x, y) -> y - x);
    for (int index : removed) {
      result.remove(index);
    }
    return SymbolicShape.of(result);
  }

  // ---- shape manipulation

  private @Nullable SymbolicShape reshape(OpValue.Ints target) {
    List<Axis> sizes = target.values();
    if (sizes == null) {
      return null;
    }
    int inferredAt = -1;
    DimExpr product = DimExpr.constant(1);
    for (int i = 0; i < sizes.size(); i++) {
      Axis size = sizes.get(i);
      if (size instanceof Axis.Size s && s.size().isConstant() && s.size().constantValue() < 0) {
        if (s.size().constantValue() != -1 || inferredAt >= 0) {
          problems.add(new Problem(target.position(), true, "bad size " + s + " in [" + SymbolicShape.of(sizes) + "] (only one -1 is allowed)"));
          return null;
        }
        inferredAt = i;
      } else if (size instanceof Axis.Size s && product != null) {
        product = product.times(s.size());
      } else {
        product = null;
      }
    }
    DimExpr total = elementCount(receiver);
    List<Axis> result = new ArrayList<>(sizes);
    String into = "cannot reshape \"" + receiver + "\" (" + total + " elements) into [" + SymbolicShape.of(sizes) + "]";
    if (inferredAt < 0) {
      Relation relation = total == null || product == null ? Relation.UNKNOWN : Relation.of(Axis.Size.of(total), Axis.Size.of(product));
      if (relation == Relation.DIFFERENT) {
        problems.add(new Problem(target.position(), true, into + " (" + product + " elements)"));
      }
      return SymbolicShape.of(result);
    }
    Axis inferred = Axis.AnySize.INSTANCE;
    if (total != null && product != null && !product.isConstant(0)) {
      DimExpr quotient = total.dividedBy(product);
      if (quotient != null && quotient.couldBeSize()) {
        inferred = Axis.Size.of(quotient);
      } else if (total.isConstant() && product.isConstant()) {
        problems.add(new Problem(target.position(), true, into + ": " + total + " is not a multiple of " + product));
      }
    }
    result.set(inferredAt, inferred);
    return SymbolicShape.of(result);
  }

  private @Nullable SymbolicShape permute(OpValue.Ints permutation) {
    List<Axis> order = permutation.values();
    if (order == null) {
      return null;
    }
    if (!receiver.hasRest() && order.size() != receiver.size()) {
      problems.add(new Problem(permutation.position(), true, "a permutation of " + order.size() + " axes for shape \"" + receiver + "\" of rank " + receiver.size()));
      return null;
    }
    List<Axis> result = new ArrayList<>();
    for (Axis entry : order) {
      int index = resolve(receiver, new OpValue.Int(entry, permutation.position()), 0);
      if (index == INVALID_AXIS) {
        return null;
      }
      result.add(index == UNKNOWN_AXIS ? Axis.AnySize.INSTANCE : receiver.get(index));
    }
    return SymbolicShape.of(result);
  }

  private @Nullable SymbolicShape swap(OpValue.Int first, OpValue.Int second) {
    int a = resolve(receiver, first, 0);
    int b = resolve(receiver, second, 0);
    if (a == INVALID_AXIS || b == INVALID_AXIS) {
      return null;
    }
    if (a == UNKNOWN_AXIS || b == UNKNOWN_AXIS) {
      return sameRankUnknown(receiver);
    }
    List<Axis> result = new ArrayList<>(receiver.axes());
    result.set(a, receiver.get(b));
    result.set(b, receiver.get(a));
    return SymbolicShape.of(result);
  }

  private @Nullable SymbolicShape expandDims(OpValue.Int axis) {
    int index = resolve(receiver, axis, 1);
    if (index == INVALID_AXIS) {
      return null;
    }
    if (index == UNKNOWN_AXIS) {
      return receiver.hasRest() ? null : anyOfRank(receiver.size() + 1);
    }
    List<Axis> result = new ArrayList<>(receiver.axes());
    result.add(index, Axis.Size.of(1));
    return SymbolicShape.of(result);
  }

  private @Nullable SymbolicShape squeeze(OpValue.Int axis) {
    int index = resolve(receiver, axis, 0);
    if (index < 0) {
      return index == UNKNOWN_AXIS && !receiver.hasRest() && receiver.size() > 0 ? anyOfRank(receiver.size() - 1) : null;
    }
    Axis removed = receiver.get(index);
    Relation relation = Relation.of(removed, Axis.Size.of(1));
    if (relation == Relation.DIFFERENT) {
      problems.add(new Problem(axis.position(), true, "axis " + axis.value() + " of \"" + receiver + "\" has size " + removed + ", not 1"));
      return null;
    }
    if (relation == Relation.UNKNOWN) {
      problems.add(new Problem(axis.position(), false, "axis " + axis.value() + " of \"" + receiver + "\" may not have size 1"));
    }
    List<Axis> result = new ArrayList<>(receiver.axes());
    result.remove(index);
    return SymbolicShape.of(result);
  }

  private @Nullable SymbolicShape broadcastTo(OpValue.Ints target) {
    SymbolicShape shape = sizes(target);
    if (shape == null) {
      return null;
    }
    if (!receiver.hasRest() && receiver.size() > shape.size()) {
      problems.add(new Problem(target.position(), true, "\"" + receiver + "\" has more axes than [" + shape + "]"));
      return shape;
    }
    for (int i = 1; i <= Math.min(receiver.size(), shape.size()); i++) {
      Axis from = receiver.get(receiver.size() - i);
      if (from instanceof Axis.Rest) {
        break;
      }
      Relation relation = Relation.isOne(from) ? Relation.EQUAL : Relation.of(from, shape.get(shape.size() - i));
      String where = "axis -" + i + " of \"" + receiver + "\" (" + from + ") to " + shape.get(shape.size() - i);
      if (relation == Relation.DIFFERENT) {
        problems.add(new Problem(target.position(), true, "cannot broadcast " + where));
        break;
      }
      if (relation == Relation.UNKNOWN) {
        problems.add(new Problem(target.position(), false, "may not broadcast " + where));
      }
    }
    return shape;
  }

  private @Nullable SymbolicShape slice(OpValue.Int axis, OpValue.Int start, OpValue.Int stop) {
    int index = resolve(receiver, axis, 0);
    if (index == INVALID_AXIS) {
      return null;
    }
    if (index == UNKNOWN_AXIS) {
      return sameRankUnknown(receiver);
    }
    Axis dim = receiver.get(index);
    DimExpr size = dim instanceof Axis.Size s && !s.broadcast() ? s.size() : null;
    DimExpr from = position(start, size);
    DimExpr to = position(stop, size);
    Axis length = Axis.AnySize.INSTANCE;
    if (from != null && to != null) {
      DimExpr difference = to.minus(from);
      boolean outside =
          isNegative(from) || isNegative(difference) || size != null && isNegative(size.minus(to));
      if (outside) {
        problems.add(new Problem(CALL, true, "range " + start.value() + ":" + stop.value() + " does not fit axis " + axis.value() + " of \"" + receiver + "\""));
        return null;
      }
      length = Axis.Size.of(difference);
    }
    List<Axis> result = new ArrayList<>(receiver.axes());
    result.set(index, length);
    return SymbolicShape.of(result);
  }

  /** A slice bound as an offset from the start of an axis of {@code size}, or null when unknown. */
  private static @Nullable DimExpr position(OpValue.Int bound, @Nullable DimExpr size) {
    if (!(bound.value() instanceof Axis.Size s)) {
      return null;
    }
    if (s.size().isConstant() && s.size().constantValue() < 0) {
      return size == null ? null : size.plus(s.size());
    }
    return s.size();
  }

  private @Nullable SymbolicShape take(SymbolicShape indices, OpValue.Int axis) {
    int index = resolve(receiver, axis, 0);
    if (index < 0) {
      return null;
    }
    List<Axis> result = new ArrayList<>(receiver.axes().subList(0, index));
    result.addAll(indices.axes());
    result.addAll(receiver.axes().subList(index + 1, receiver.size()));
    return SymbolicShape.of(result);
  }

  private @Nullable SymbolicShape concat(OpValue.Int axis, List<OpValue.Tensor> tensors) {
    if (tensors == null) {
      return null;
    }
    OpValue.Tensor first = null;
    for (OpValue.Tensor tensor : tensors) {
      if (tensor.shape() != null && !tensor.shape().hasRest()) {
        first = first == null ? tensor : first;
      } else if (tensor.shape() != null) {
        return null;
      }
    }
    if (first == null) {
      return null;
    }
    SymbolicShape reference = first.shape();
    int index = resolve(reference, axis, 0);
    if (index < 0) {
      return null;
    }
    DimExpr total = DimExpr.constant(0);
    for (OpValue.Tensor tensor : tensors) {
      SymbolicShape shape = tensor.shape();
      if (shape == null) {
        total = null;
        continue;
      }
      if (shape.size() != reference.size()) {
        problems.add(new Problem(tensor.position(), true, "\"" + shape + "\" and \"" + reference + "\" have different ranks"));
        return null;
      }
      for (int i = 0; i < shape.size(); i++) {
        if (i != index && Relation.of(reference.get(i), shape.get(i)) == Relation.DIFFERENT) {
          problems.add(new Problem(tensor.position(), true, "axis " + i + " differs: \"" + reference + "\" and \"" + shape + "\" (only axis " + index + " may differ)"));
          return null;
        }
      }
      total = total != null && shape.get(index) instanceof Axis.Size s && !s.broadcast() ? total.plus(s.size()) : null;
    }
    List<Axis> result = new ArrayList<>(reference.axes());
    result.set(index, total == null ? Axis.AnySize.INSTANCE : Axis.Size.of(total));
    return SymbolicShape.of(result);
  }

  private @Nullable SymbolicShape stack(OpValue.Int axis, List<OpValue.Tensor> tensors) {
    if (tensors == null) {
      return null;
    }
    SymbolicShape reference = null;
    for (OpValue.Tensor tensor : tensors) {
      if (tensor.shape() == null) {
        continue;
      }
      if (reference == null) {
        reference = tensor.shape();
      } else if (!requireSame(reference, tensor.shape(), tensor.position(), "stacked tensors must have the same shape")) {
        return null;
      }
    }
    if (reference == null) {
      return null;
    }
    int index = resolve(reference, axis, 1);
    if (index < 0) {
      return null;
    }
    List<Axis> result = new ArrayList<>(reference.axes());
    result.add(index, Axis.Size.of(tensors.size()));
    return SymbolicShape.of(result);
  }

  // ---- linear algebra

  private @Nullable SymbolicShape matmul(SymbolicShape other, int position) {
    Matrix left = Matrix.of(receiver, true);
    Matrix right = Matrix.of(other, false);
    if (left.scalar() || right.scalar()) {
      problems.add(new Problem(left.scalar() ? CALL : position, true, "matmul needs at least one axis on each side, found \"" + (left.scalar() ? receiver : other) + "\""));
      return null;
    }
    if (left.contracted() != null && right.contracted() != null) {
      Relation relation = Relation.of(left.contracted(), right.contracted());
      String axes =
          "axis " + left.contractedAxis() + " of \"" + receiver + "\" is " + left.contracted()
              + ", axis " + right.contractedAxis() + " of \"" + other + "\" is " + right.contracted();
      if (relation == Relation.DIFFERENT) {
        problems.add(new Problem(position, true, "the contracted axes differ: " + axes));
        return null;
      }
      if (relation == Relation.UNKNOWN) {
        problems.add(new Problem(position, false, "the contracted axes may differ: " + axes));
      }
    }
    if (left.batch() == null || right.batch() == null) {
      return null;
    }
    List<Axis> result = new ArrayList<>();
    if (left.vector() || right.vector()) {
      result.addAll(left.vector() ? right.batch().axes() : left.batch().axes());
    } else {
      SymbolicShape batch = broadcast(left.batch(), right.batch(), position);
      if (batch == null) {
        return null;
      }
      result.addAll(batch.axes());
    }
    result.addAll(left.kept() == null ? List.of() : List.of(left.kept()));
    result.addAll(right.kept() == null ? List.of() : List.of(right.kept()));
    return SymbolicShape.of(result);
  }

  /**
   * One operand of matmul, split by numpy's rank rules.
   *
   * @param batch the leading (batch) axes, null when the rank rules cannot tell them apart
   * @param contracted the contracted axis, null when unknown
   * @param contractedAxis its position, for messages
   * @param kept the axis that stays in the result, null for a vector
   */
  private record Matrix(
      boolean scalar,
      boolean vector,
      @Nullable SymbolicShape batch,
      @Nullable Axis contracted,
      int contractedAxis,
      @Nullable Axis kept) {

    static Matrix of(SymbolicShape shape, boolean left) {
      int tail = shape.hasRest() ? shape.size() - 1 - shape.restIndex() : shape.size();
      if (!shape.hasRest() && shape.size() == 0) {
        return new Matrix(true, false, null, null, 0, null);
      }
      if (!shape.hasRest() && shape.size() == 1) {
        return new Matrix(false, true, SymbolicShape.scalar(), shape.get(0), 0, null);
      }
      if (tail >= 2) {
        int n = shape.size();
        SymbolicShape batch = SymbolicShape.of(shape.axes().subList(0, n - 2));
        return left
            ? new Matrix(false, false, batch, shape.get(n - 1), -1, shape.get(n - 2))
            : new Matrix(false, false, batch, shape.get(n - 2), -2, shape.get(n - 1));
      }
      // A run of axes leaves the rank open: the operand may be a vector or a stack of matrices.
      Axis contracted = left && tail == 1 ? shape.get(shape.size() - 1) : null;
      return new Matrix(false, false, null, contracted, -1, null);
    }
  }

  // ---- helpers

  /**
   * The index in {@code shape.axes()} of a numpy axis argument ({@code extra} 1 for a position
   * to insert at), {@link #UNKNOWN_AXIS} when the argument or a run of axes hides it, {@link
   * #INVALID_AXIS} (a problem is recorded) when it is out of range.
   */
  private int resolve(SymbolicShape shape, OpValue.Int axis, int extra) {
    Long value = axis.constant();
    if (value == null) {
      return UNKNOWN_AXIS;
    }
    if (!shape.hasRest()) {
      int rank = shape.size() + extra;
      long index = value < 0 ? value + rank : value;
      if (index < 0 || index >= rank) {
        problems.add(new Problem(axis.position(), true, "axis " + value + " is out of range for \"" + shape + "\" (rank " + shape.size() + ")"));
        return INVALID_AXIS;
      }
      return (int) index;
    }
    int before = shape.restIndex();
    int after = shape.size() - 1 - before;
    if (value >= 0 && value < before + extra) {
      return value.intValue();
    }
    if (value < 0 && -value <= after + extra) {
      return (int) (shape.size() + extra + value);
    }
    return UNKNOWN_AXIS;
  }

  /**
   * Requires {@code found} to have the shape {@code expected}, no broadcasting; records a problem
   * at {@code position} and returns false on a definite conflict.
   */
  private boolean requireSame(SymbolicShape expected, SymbolicShape found, int position, String rule) {
    Alignment alignment = Alignment.of(expected, found);
    String shapes = ": expected \"" + expected + "\", found \"" + found + "\"";
    if (alignment.rankProblem() != null) {
      problems.add(new Problem(position, true, rule + shapes + " (" + alignment.rankProblem() + ")"));
      return false;
    }
    boolean unproven = false;
    for (Alignment.Pair pair : alignment.pairs()) {
      Relation relation = Relation.of(pair.pattern(), pair.term());
      if (relation == Relation.DIFFERENT) {
        problems.add(new Problem(position, true, rule + shapes + " (axis " + pair.termIndex() + ")"));
        return false;
      }
      unproven |= relation == Relation.UNKNOWN;
    }
    if (unproven) {
      problems.add(new Problem(position, false, rule + shapes));
    }
    return true;
  }

  /** The number of elements of {@code shape} as an expression, or null when unknown. */
  private static @Nullable DimExpr elementCount(SymbolicShape shape) {
    DimExpr count = DimExpr.constant(1);
    for (Axis axis : shape.axes()) {
      if (!(axis instanceof Axis.Size s) || s.broadcast()) {
        return null;
      }
      count = count.times(s.size());
    }
    return count;
  }

  private static boolean isNegative(DimExpr value) {
    return value.isConstant() && value.constantValue() < 0;
  }

  private static SymbolicShape tensor(List<OpValue> arguments, int index) {
    SymbolicShape shape = ((OpValue.Tensor) arguments.get(index)).shape();
    return shape == null ? unknown() : shape;
  }

  private static int position(List<OpValue> arguments, int index) {
    return ((OpValue.Tensor) arguments.get(index)).position();
  }

  private static SymbolicShape unknown() {
    return SymbolicShape.of(List.of(Axis.Rest.UNKNOWN));
  }

  private static SymbolicShape joined(SymbolicShape first, SymbolicShape second) {
    List<Axis> axes = new ArrayList<>(first.axes());
    axes.addAll(second.axes());
    return SymbolicShape.of(axes);
  }

  private static SymbolicShape dropLast(SymbolicShape shape) {
    if (shape.hasRest() && shape.restIndex() == shape.size() - 1) {
      return unknown();
    }
    return SymbolicShape.of(shape.axes().subList(0, shape.size() - 1));
  }

  /** A shape of the same rank as {@code shape} with every size unknown, or unknown. */
  private static @Nullable SymbolicShape sameRankUnknown(SymbolicShape shape) {
    return shape.hasRest() ? null : anyOfRank(shape.size());
  }

  private static SymbolicShape anyOfRank(int rank) {
    List<Axis> axes = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      axes.add(Axis.AnySize.INSTANCE);
    }
    return SymbolicShape.of(axes);
  }
}
