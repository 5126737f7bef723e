package vitssl.eval;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * Runs engine work with one intra-op thread on the calling thread, then restores the previous
 * count. For the probe's thousands of tiny operations a second OpenMP thread brings nothing on a
 * quiet machine and, on a busy one, costs up to ten times the time waiting at each operation's
 * barrier (measured: 90 probe epochs of 50,000 x 192 features took ~10 s with one thread and 80-120
 * s with two on two cores shared with other work). Engines other than PyTorch run the work as they
 * are.
 */
final class OneIntraOpThread {
  private OneIntraOpThread() {}

  static <T> T run(Supplier<T> work) {
    if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
      return work.get();
    }
    int previous = JniUtils.getNumThreads();
    JniUtils.setNumThreads(1);
    try {
      return work.get();
    } finally {
      JniUtils.setNumThreads(previous);
    }
  }
}
