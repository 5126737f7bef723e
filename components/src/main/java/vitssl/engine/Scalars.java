package vitssl.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between an array and a constant that is safe inside a gradient collector. Use these
 * instead of DJL's {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)}, {@code
 * maximum(Number)} and the other {@code Number} overloads wherever the array may carry gradient.
 *
 * <p>Why: on the PyTorch engine those overloads wrap the constant in a 0-dim tensor that points
 * into a Java direct buffer (the engine's {@code from_blob}, no copy) and close it as soon as the
 * operation returns. Autograd keeps that tensor for the backward pass ({@code d(x c)/dx = c}), but
 * nothing on the Java side keeps its buffer: the JVM frees the memory at its next garbage
 * collection, and a backward pass that runs after that multiplies by whatever the memory holds
 * by then. The symptom is a rare, non-reproducible gradient that is NaN or absurdly large while
 * the loss is fine. Here the constant is created by the engine itself ({@code full}), so the
 * tensor owns its memory and autograd's reference keeps it alive.
 *
 * <p>Each result lives in the input's manager, like DJL's own operations; the constant has the
 * input's data type and device.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code x * c}. */
  public static NDArray mul(NDArray x, double c) {
    return with(x, c, NDArray::mul);
  }

  /** {@code x / c}. */
  public static NDArray div(NDArray x, double c) {
    return with(x, c, NDArray::div);
  }

  /** {@code x + c}. */
  public static NDArray add(NDArray x, double c) {
    return with(x, c, NDArray::add);
  }

  /** {@code x - c}. */
  public static NDArray sub(NDArray x, double c) {
    return with(x, c, NDArray::sub);
  }

  /** {@code x ^ c}, element-wise. */
  public static NDArray pow(NDArray x, double c) {
    return with(x, c, NDArray::pow);
  }

  /** {@code max(x, c)}, element-wise. */
  public static NDArray maximum(NDArray x, double c) {
    return with(x, c, NDArray::maximum);
  }

  /** {@code min(x, c)}, element-wise. */
  public static NDArray minimum(NDArray x, double c) {
    return with(x, c, NDArray::minimum);
  }

  /** {@code x *= c}, in place; returns {@code x}. */
  public static NDArray muli(NDArray x, double c) {
    return with(x, c, NDArray::muli);
  }

  /** {@code x /= c}, in place; returns {@code x}. */
  public static NDArray divi(NDArray x, double c) {
    return with(x, c, NDArray::divi);
  }

  /**
   * A 0-dim array holding {@code c}, in {@code like}'s manager, data type and device; {@code c}
   * is rounded once, to that data type.
   */
  public static NDArray constant(NDArray like, double c) {
    DataType type = known(like.getDataType());
    if (like.getManager() instanceof PtNDManager pt) {
      return JniUtils.full(pt, new Shape(), c, type, like.getDevice(), SparseFormat.DENSE);
    }
    return like.getManager().full(new Shape(), (float) c, type, like.getDevice());
  }

  /**
   * DJL 0.36 reports bfloat16 arrays as {@code UNKNOWN} and aborts the process when asked to make
   * one; a float32 0-dim constant serves instead, since PyTorch's type promotion keeps a floating
   * array's own type against a 0-dim floating operand.
   */
  private static DataType known(DataType type) {
    return type == DataType.UNKNOWN ? DataType.FLOAT32 : type;
  }

  private static NDArray with(NDArray x, double c, BinaryOperator<NDArray> op) {
    try (NDArray constant = constant(x, c)) {
      return op.apply(x, constant);
    }
  }
}
