package vitssl.runner.run;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vitssl.dsl.Experiment;
import vitssl.dsl.SpecJson;
import vitssl.inject.Components;
import vitssl.inject.CoreModule;
import vitssl.runner.monitor.MonitorRegistry;
import vitssl.runner.monitor.MonitorsModule;

/**
 * One injector of the framework's modules plus any a caller adds, and what is read from it: the
 * component and monitor registries, and the JSON codec that knows exactly the spec types they
 * bind. A run, a sweep and reading a spec file all go through one.
 */
public final class Wiring {
  private final Components components;
  private final MonitorRegistry monitors;
  private final SpecJson json;

  private Wiring(Injector injector) {
    this.components = injector.getInstance(Components.class);
    this.monitors = injector.getInstance(MonitorRegistry.class);
    Set<Class<?>> types = new LinkedHashSet<>(components.specTypes());
    types.addAll(monitors.types());
    this.json = SpecJson.withTypes(types);
  }

  /** The framework's modules plus {@code extra}; two bindings of one spec type fail here. */
  public static Wiring of(Module... extra) {
    List<Module> all = new ArrayList<>(List.of(new CoreModule(), new MonitorsModule()));
    all.addAll(List.of(extra));
    try {
      return new Wiring(Guice.createInjector(all));
    } catch (CreationException e) {
      String message = e.getErrorMessages().iterator().next().getMessage();
      if (message.contains("duplicate")) {
        throw new IllegalStateException(
            "two modules register a component for the same spec type (" + firstLine(message)
                + "): install only one of them, or give your component its own spec class",
            e);
      }
      throw e;
    }
  }

  public Components components() {
    return components;
  }

  public MonitorRegistry monitors() {
    return monitors;
  }

  /** The JSON codec of every spec type the modules bind. */
  public SpecJson json() {
    return json;
  }

  /** Fails, naming the spec type and the fix, unless every component and monitor is bound. */
  public void requireBound(Experiment experiment) {
    components.requireBound(experiment);
    experiment.monitors().forEach(monitors::requireBound);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
