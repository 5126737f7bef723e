package vitssl.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import vitssl.dsl.SpecException;
import vitssl.dsl.SpecJson;
import vitssl.dsl.optim.Lamb;
import vitssl.dsl.optim.Lars;
import vitssl.dsl.optim.OptimizerSpec;
import vitssl.dsl.optim.WeightDecayScope;
import vitssl.inject.Bindings;
import vitssl.inject.Components;

class LarsAndLambSpecTest {
  private final SpecJson json = SpecJson.withTypes(List.of(Lars.class, Lamb.class));

  @Test
  void larsDefaultsAreMocoV3s() {
    Lars lars = Lars.baseLr(0.3);
    assertThat(lars.weightDecay()).isEqualTo(1e-6);
    assertThat(lars.momentum()).isEqualTo(0.9);
    assertThat(lars.trustCoefficient()).isEqualTo(0.001);
    assertThat(lars.weightDecayScope()).isEqualTo(WeightDecayScope.MATRICES_ONLY);
    assertThat(lars.lr(4096)).isEqualTo(4.8);
  }

  @Test
  void lambDefaultsAreThePapers() {
    Lamb lamb = Lamb.baseLr(5e-4);
    assertThat(lamb.weightDecay()).isEqualTo(0.1);
    assertThat(lamb.beta1()).isEqualTo(0.9);
    assertThat(lamb.beta2()).isEqualTo(0.999);
    assertThat(lamb.epsilon()).isEqualTo(1e-6);
    assertThat(lamb.weightDecayScope()).isEqualTo(WeightDecayScope.ALL);
    assertThat(lamb.lr(4096)).isEqualTo(8e-3);
  }

  @Test
  void bothRoundTripThroughJsonByTypeName() {
    Lars lars = Lars.baseLr(0.6).weightDecay(1.5e-6).withWeightDecayScope(WeightDecayScope.ALL);
    Lamb lamb = Lamb.baseLr(5e-4).weightDecay(0.05).withEpsilon(1e-8);
    assertThat(json.write(lars)).contains("\"type\" : \"lars\"");
    assertThat(json.write(lamb)).contains("\"type\" : \"lamb\"");
    assertThat(json.read(json.write(lars), OptimizerSpec.class)).isEqualTo(lars);
    assertThat(json.read(json.write(lamb), OptimizerSpec.class)).isEqualTo(lamb);
    assertThat(json.read("{\"type\": \"lars\", \"baseLr\": 0.3}", OptimizerSpec.class))
        .isEqualTo(Lars.baseLr(0.3));
  }

  @Test
  void everyLarsFieldIsChecked() {
    Lars lars = Lars.baseLr(0.3);
    fails(() -> Lars.baseLr(0), "Lars.baseLr = 0.0: use a positive learning rate");
    fails(() -> lars.weightDecay(-1), "Lars.weightDecay = -1.0: use a weight decay >= 0");
    fails(() -> lars.withMomentum(1), "Lars.momentum = 1.0: momentum lies in [0, 1)");
    fails(
        () -> lars.withTrustCoefficient(0),
        "Lars.trustCoefficient = 0.0: use a positive trust coefficient");
  }

  @Test
  void everyLambFieldIsChecked() {
    Lamb lamb = Lamb.baseLr(5e-4);
    fails(() -> Lamb.baseLr(Double.NaN), "Lamb.baseLr = NaN: use a positive learning rate");
    fails(() -> lamb.weightDecay(-0.1), "Lamb.weightDecay = -0.1: use a weight decay >= 0");
    fails(() -> lamb.withBeta1(1), "Lamb.beta1 = 1.0: beta1 lies in [0, 1)");
    fails(() -> lamb.withBeta2(-0.5), "Lamb.beta2 = -0.5: beta2 lies in [0, 1)");
    fails(() -> lamb.withEpsilon(0), "Lamb.epsilon = 0.0: use a positive epsilon");
  }

  /** The bindings {@code CoreModule} needs, alone with empty registries of the other kinds. */
  static final class OptimizerModule extends AbstractModule {
    @Override
    protected void configure() {
      Bindings.optimizer(binder(), Lars.class, LarsOptimizer::new);
      Bindings.optimizer(binder(), Lamb.class, LambOptimizer::new);
      Bindings.backbones(binder());
      Bindings.heads(binder());
      Bindings.data(binder());
      Bindings.losses(binder());
      Bindings.schedules(binder());
    }
  }

  @Test
  void eachSpecBuildsItsUpdateThroughTheRegistry() {
    Components components =
        Guice.createInjector(new OptimizerModule()).getInstance(Components.class);
    try (NDManager state = NDManager.newBaseManager()) {
      assertThat(components.optimizer(Lars.baseLr(0.3), state)).isInstanceOf(LarsOptimizer.class);
      assertThat(components.optimizer(Lamb.baseLr(5e-4), state)).isInstanceOf(LambOptimizer.class);
    }
  }

  private static void fails(ThrowingCallable build, String message) {
    assertThatThrownBy(build).isInstanceOf(SpecException.class).hasMessageContaining(message);
  }
}
