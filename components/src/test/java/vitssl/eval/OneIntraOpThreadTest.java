package vitssl.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class OneIntraOpThreadTest {
  @Test
  void runsWithOneThreadAndRestoresTheCountEvenOnFailure() {
    assertThat(Engine.getInstance().getEngineName()).isEqualTo("PyTorch");
    int original = JniUtils.getNumThreads();
    JniUtils.setNumThreads(2);
    try {
      assertThat(OneIntraOpThread.run(JniUtils::getNumThreads)).isEqualTo(1);
      assertThat(JniUtils.getNumThreads()).isEqualTo(2);
      assertThatThrownBy(
              () ->
                  OneIntraOpThread.run(
                      () -> {
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");
      assertThat(JniUtils.getNumThreads()).isEqualTo(2);
    } finally {
      JniUtils.setNumThreads(original);
    }
  }
}
