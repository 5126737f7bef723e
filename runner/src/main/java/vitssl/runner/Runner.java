package vitssl.runner;

import ai.djl.Device;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vitssl.dsl.Experiment;
import vitssl.data.DataException;
import vitssl.dsl.SpecJson;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.inject.CoreModule;

/**
 * Runs experiments: one Guice injector per run, holding the framework's components and any
 * module the caller adds (a backbone of its own, a monitor...).
 */
public final class Runner {
  private Runner() {}

  /**
   * For a recipe's {@code main}: runs with the command line's options and exits non-zero with a
   * plain message (no stack trace) when the spec, the options or the data are wrong.
   */
  public static void main(Experiment experiment, String[] args, Module... modules) {
    try {
      run(experiment, RunOptions.parse(args), modules);
    } catch (IllegalArgumentException | IllegalStateException | DataException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    } catch (java.io.UncheckedIOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(3);
    }
  }

  public static RunResult run(Experiment experiment, RunOptions options, Module... modules) {
    Device device = EngineSetup.start(options.engineSettings());
    Injector injector = injector(modules);
    Components components = injector.getInstance(Components.class);
    MonitorRegistry monitors = injector.getInstance(MonitorRegistry.class);
    Experiment e = options.apply(experiment);
    components.requireBound(e);
    e.monitors().forEach(monitors::requireBound);
    return new Run(e, options, components, monitors, specJson(components, monitors), device).execute();
  }

  /** The JSON codec that knows every spec type the injector's modules bound. */
  public static SpecJson specJson(Components components, MonitorRegistry monitors) {
    Set<Class<?>> types = new LinkedHashSet<>(components.specTypes());
    types.addAll(monitors.types());
    return SpecJson.withTypes(types);
  }

  /** The framework's modules plus {@code extra}; two bindings of one spec type fail here. */
  public static Injector injector(Module... extra) {
    List<Module> all = new ArrayList<>(List.of(new CoreModule(), new MonitorsModule()));
    all.addAll(List.of(extra));
    try {
      return Guice.createInjector(all);
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

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
