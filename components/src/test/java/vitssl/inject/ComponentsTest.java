package vitssl.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import vitssl.backbone.VitBackbone;
import vitssl.dsl.Span;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.optim.ScheduleSpec;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.dsl.optim.WarmupCosine;
import vitssl.schedule.WarmupConstantSchedule;
import vitssl.schedule.WarmupCosineSchedule;

class ComponentsTest {
  /** A schedule from outside the framework: its own spec class and one binding. */
  record StepDown(Span warmup, double factor) implements ScheduleSpec {}

  static final class StepDownModule extends AbstractModule {
    @Override
    protected void configure() {
      Bindings.schedule(
          binder(),
          StepDown.class,
          spec -> (step, total, perEpoch) -> step < total / 2 ? 1 : spec.factor());
    }
  }

  @Test
  void builtInComponentsAreFoundByTheirSpecType() {
    Components components = Guice.createInjector(new CoreModule()).getInstance(Components.class);
    assertThat(components.schedule(WarmupCosine.warmupEpochs(1))).isInstanceOf(WarmupCosineSchedule.class);
    assertThat(components.schedule(WarmupConstant.warmup(Span.steps(3))))
        .isInstanceOf(WarmupConstantSchedule.class);
    assertThat(components.backbone(Vit.cpuTiny())).isInstanceOf(VitBackbone.class);
    assertThat(components.specTypes()).contains(Vit.class, WarmupCosine.class);
  }

  @Test
  void aModuleFromOutsideAddsAComponentWithOneBinding() {
    Components components =
        Guice.createInjector(new CoreModule(), new StepDownModule()).getInstance(Components.class);
    var schedule = components.schedule(new StepDown(Span.steps(0), 0.1));
    assertThat(schedule.multiplier(10, 100, 10)).isEqualTo(1);
    assertThat(schedule.multiplier(60, 100, 10)).isEqualTo(0.1);
  }

  @Test
  void anUnboundSpecTypeNamesItselfAndTheFix() {
    Components components = Guice.createInjector(new CoreModule()).getInstance(Components.class);
    assertThatThrownBy(() -> components.schedule(new StepDown(Span.steps(0), 0.1)))
        .hasMessageContaining("no schedule is registered for StepDown")
        .hasMessageContaining("WarmupConstant, WarmupCosine")
        .hasMessageContaining("Bindings.schedule(binder(), StepDown.class, factory)");
  }

  /**
   * For every component kind, the error for an unbound spec names the binding call, and that very
   * call, made in a module, makes the spec resolve.
   */
  @Test
  void everyKindsHintIsABindingCallThatWorks() throws Exception {
    for (UnboundKinds.Case c : UnboundKinds.all()) {
      Components without = Guice.createInjector(new CoreModule()).getInstance(Components.class);
      String message = catchThrowable(() -> c.build().accept(without)).getMessage();
      String call = "Bindings." + c.kind() + "(binder(), " + c.spec().getClass().getSimpleName() + ".class, factory)";
      assertThat(message)
          .as(c.kind())
          .contains("no " + c.kind() + " is registered for " + c.spec().getClass().getSimpleName())
          .contains(call)
          .doesNotContain("Immutable");

      Method binding =
          Bindings.class.getMethod(c.kind(), Binder.class, Class.class, c.factory().getClass().getInterfaces()[0]);
      AbstractModule hinted =
          new AbstractModule() {
            @Override
            protected void configure() {
              try {
                binding.invoke(null, binder(), c.spec().getClass(), c.factory());
              } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
              }
            }
          };
      Components with = Guice.createInjector(new CoreModule(), hinted).getInstance(Components.class);
      c.build().accept(with);
    }
  }

  /** Another module's schedule for the same spec type. */
  static final class ConflictingModule extends AbstractModule {
    @Override
    protected void configure() {
      Bindings.schedule(binder(), StepDown.class, spec -> (step, total, perEpoch) -> spec.factor());
    }
  }

  @Test
  void twoBindingsOfOneSpecTypeFailWhenTheInjectorIsCreated() {
    assertThatThrownBy(() -> Guice.createInjector(new CoreModule(), new StepDownModule(), new ConflictingModule()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("StepDown");
  }
}
