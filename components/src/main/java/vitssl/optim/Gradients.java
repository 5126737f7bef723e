package vitssl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/** Reads a parameter's gradient without inventing one. */
public final class Gradients {
  private Gradients() {}

  /**
   * The gradient of {@code parameter}, or null where it has none: frozen, or never reached by a
   * backward pass (PyTorch's {@code grad is None}, which its optimizers skip). The returned array
   * is a new handle on the gradient's own storage, so in-place edits change the gradient; the
   * caller closes it.
   */
  public static NDArray of(Parameter parameter) {
    if (!parameter.isInitialized() || !parameter.requiresGradient()) {
      return null;
    }
    NDArray array = parameter.getArray();
    if (!array.hasGradient()) {
      return null;
    }
    // DJL's getGradient() answers an undefined gradient with fresh zeros; the engine call says
    // null instead, which is what tells "no gradient" apart from "a zero gradient".
    return array instanceof PtNDArray pt ? JniUtils.getGradient(pt) : array.getGradient();
  }
}
