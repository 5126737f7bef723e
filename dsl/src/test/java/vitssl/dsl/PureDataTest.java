package vitssl.dsl;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Specs are pure data: the engine is not even on this module's class path. */
class PureDataTest {
  @Test
  void noEngineClassIsReachableFromTheSpecs() {
    assertThatThrownBy(() -> Class.forName("ai.djl.ndarray.NDArray"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("ai.djl.engine.Engine"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
