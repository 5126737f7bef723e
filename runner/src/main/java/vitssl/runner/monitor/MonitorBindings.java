package vitssl.runner.monitor;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import vitssl.dsl.monitor.MonitorSpec;

/** Where modules contribute monitors, keyed by spec type like every other component. */
public final class MonitorBindings {
  private MonitorBindings() {}

  public static MapBinder<Class<? extends MonitorSpec>, MonitorFactory<?>> monitors(Binder binder) {
    return MapBinder.newMapBinder(
        binder,
        new TypeLiteral<Class<? extends MonitorSpec>>() {},
        new TypeLiteral<MonitorFactory<?>>() {});
  }

  public static <S extends MonitorSpec> void monitor(
      Binder binder, Class<S> spec, MonitorFactory<S> factory) {
    monitors(binder).addBinding(spec).toInstance(factory);
  }
}
