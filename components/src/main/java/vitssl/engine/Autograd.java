package vitssl.engine;

import ai.djl.pytorch.jni.JniUtils;

/** The PyTorch engine's autograd state on the calling thread. */
public final class Autograd {
  private Autograd() {}

  /**
   * Whether the engine records the calling thread's ops for a backward pass: inside a gradient
   * collector, and not outside one.
   */
  public static boolean recording() {
    return JniUtils.isGradMode();
  }
}
