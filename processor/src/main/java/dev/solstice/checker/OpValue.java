package dev.solstice.checker;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** An argument of a runtime op, as much of it as the op's shape rule needs. */
sealed interface OpValue {

  /**
   * A tensor argument.
   *
   * @param shape its shape, or null when unknown
   * @param position the argument's index in the call as written, for error positions
   */
  record Tensor(@Nullable SymbolicShape shape, int position) implements OpValue {}

  /** A {@code Tensor...} parameter; {@code elements} is null when an array was passed. */
  record Tensors(@Nullable List<Tensor> elements) implements OpValue {}

  /**
   * An {@code int} argument: a constant, a size read from a tensor ({@code x.dim(0)}), an
   * expression of those, or {@link Axis.AnySize} when unknown.
   */
  record Int(Axis value, int position) implements OpValue {
    /** The value when it is a constant, else null. */
    @Nullable Long constant() {
      if (value instanceof Axis.Size && ((Axis.Size) value).size().isConstant()) {
        return ((Axis.Size) value).size().constantValue();
      }
      return null;
    }
  }

  /**
   * An {@code int...} or {@code int[]} parameter; {@code values} is null when the array's
   * contents are unknown.
   */
  record Ints(@Nullable List<Axis> values, int position) implements OpValue {}

  /** A {@code boolean} argument; {@code value} is null unless it is a constant. */
  record Bool(@Nullable Boolean value) implements OpValue {}

  /** Any other argument (a float, a dtype): shape rules do not look at it. */
  record Other() implements OpValue {}

  /** The letter that stands for this kind of argument in an op's {@link #descriptor}. */
  default char letter() {
    if (this instanceof Tensor) {
      return 'T';
    } else if (this instanceof Tensors) {
      return 'S';
    } else if (this instanceof Int) {
      return 'I';
    } else if (this instanceof Ints) {
      return 'N';
    } else if (this instanceof Bool) {
      return 'B';
    }
    return 'O';
  }

  /**
   * The op's name with a letter per parameter, as the rules are keyed: {@code "sum(IB)"} is
   * {@code sum(int axis, boolean keepdims)}, {@code "zeros(N)"} is {@code zeros(int...)}.
   */
  static String descriptor(String name, List<OpValue> arguments) {
    StringBuilder text = new StringBuilder(name).append('(');
    for (OpValue argument : arguments) {
      text.append(argument.letter());
    }
    return text.append(')').toString();
  }
}
