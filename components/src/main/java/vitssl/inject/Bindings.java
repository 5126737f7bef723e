package vitssl.inject;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.head.HeadSpec;
import vitssl.dsl.loss.LossSpec;
import vitssl.dsl.optim.OptimizerSpec;
import vitssl.dsl.optim.ScheduleSpec;

/**
 * Where modules contribute components: one {@link MapBinder} per component kind, keyed by spec
 * type. A module outside the framework adds a backbone with one line in its {@code configure()}:
 *
 * <pre>{@code Bindings.backbone(binder(), MyNet.class, new MyNetFactory());}</pre>
 *
 * Two modules binding the same spec type fail when the injector is created.
 */
public final class Bindings {
  private Bindings() {}

  public static MapBinder<Class<? extends BackboneSpec>, BackboneFactory<?>> backbones(Binder binder) {
    return MapBinder.newMapBinder(
        binder,
        new TypeLiteral<Class<? extends BackboneSpec>>() {},
        new TypeLiteral<BackboneFactory<?>>() {});
  }

  public static MapBinder<Class<? extends HeadSpec>, HeadFactory<?>> heads(Binder binder) {
    return MapBinder.newMapBinder(
        binder, new TypeLiteral<Class<? extends HeadSpec>>() {}, new TypeLiteral<HeadFactory<?>>() {});
  }

  public static MapBinder<Class<? extends DataSpec>, DataFactory<?>> data(Binder binder) {
    return MapBinder.newMapBinder(
        binder, new TypeLiteral<Class<? extends DataSpec>>() {}, new TypeLiteral<DataFactory<?>>() {});
  }

  public static MapBinder<Class<? extends LossSpec>, LossFactory<?>> losses(Binder binder) {
    return MapBinder.newMapBinder(
        binder, new TypeLiteral<Class<? extends LossSpec>>() {}, new TypeLiteral<LossFactory<?>>() {});
  }

  public static MapBinder<Class<? extends OptimizerSpec>, OptimizerFactory<?>> optimizers(
      Binder binder) {
    return MapBinder.newMapBinder(
        binder,
        new TypeLiteral<Class<? extends OptimizerSpec>>() {},
        new TypeLiteral<OptimizerFactory<?>>() {});
  }

  public static MapBinder<Class<? extends ScheduleSpec>, ScheduleFactory<?>> schedules(
      Binder binder) {
    return MapBinder.newMapBinder(
        binder,
        new TypeLiteral<Class<? extends ScheduleSpec>>() {},
        new TypeLiteral<ScheduleFactory<?>>() {});
  }

  public static <S extends BackboneSpec> void backbone(
      Binder binder, Class<S> spec, BackboneFactory<S> factory) {
    backbones(binder).addBinding(spec).toInstance(factory);
  }

  public static <S extends HeadSpec> void head(Binder binder, Class<S> spec, HeadFactory<S> factory) {
    heads(binder).addBinding(spec).toInstance(factory);
  }

  public static <S extends DataSpec> void data(Binder binder, Class<S> spec, DataFactory<S> factory) {
    data(binder).addBinding(spec).toInstance(factory);
  }

  public static <S extends LossSpec> void loss(Binder binder, Class<S> spec, LossFactory<S> factory) {
    losses(binder).addBinding(spec).toInstance(factory);
  }

  public static <S extends OptimizerSpec> void optimizer(
      Binder binder, Class<S> spec, OptimizerFactory<S> factory) {
    optimizers(binder).addBinding(spec).toInstance(factory);
  }

  public static <S extends ScheduleSpec> void schedule(
      Binder binder, Class<S> spec, ScheduleFactory<S> factory) {
    schedules(binder).addBinding(spec).toInstance(factory);
  }
}
