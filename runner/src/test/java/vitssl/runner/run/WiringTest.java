package vitssl.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.google.inject.AbstractModule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Experiment;
import vitssl.dsl.Spec;
import vitssl.dsl.monitor.MonitorSpec;
import vitssl.runner.monitor.MonitorBindings;

/** The one injector's registries are the one source of the JSON type names. */
class WiringTest {
  /** A monitor from outside the framework. */
  @JsonTypeName("heartbeat")
  record Heartbeat(int every) implements MonitorSpec {}

  @Test
  void everyPluggableSpecTypeOfTheDslIsBoundAndKnownToTheCodec() throws Exception {
    Wiring wiring = Wiring.of();
    Set<Class<?>> bound = new java.util.HashSet<>(wiring.components().specTypes());
    bound.addAll(wiring.monitors().types());
    List<Class<?>> named = namedSpecTypesOfTheDsl();
    assertThat(named).hasSizeGreaterThan(15);
    assertThat(bound).containsAll(named);
    for (Class<?> type : named) {
      String name = type.getAnnotation(JsonTypeName.class).value();
      Class<?> kind =
          interfaces(type)
              .filter(i -> i.isAnnotationPresent(JsonTypeInfo.class))
              .findFirst()
              .orElseThrow();
      assertThat(catchThrowable(() -> wiring.json().read("{\"type\":\"" + name + "\"}", kind)))
          .as(name)
          .satisfiesAnyOf(
              t -> assertThat(t).isNull(),
              t -> assertThat(t.getMessage()).doesNotContain("Could not resolve type id"));
    }
  }

  /** Every interface {@code type} implements, directly or through another interface. */
  private static Stream<Class<?>> interfaces(Class<?> type) {
    return Stream.of(type.getInterfaces()).flatMap(i -> Stream.concat(Stream.of(i), interfaces(i)));
  }

  @Test
  void anUnboundMonitorNamesTheBindingCallAndThatCallWorks() {
    Heartbeat spec = new Heartbeat(1);
    assertThat(catchThrowable(() -> Wiring.of().monitors().requireBound(spec)))
        .hasMessageContaining("no monitor is registered for Heartbeat")
        .hasMessageContaining("MonitorBindings.monitor(binder(), Heartbeat.class, factory)");
    Wiring with =
        Wiring.of(
            new AbstractModule() {
              @Override
              protected void configure() {
                MonitorBindings.monitor(binder(), Heartbeat.class, (s, run) -> step -> true);
              }
            });
    with.monitors().requireBound(spec);
    assertThat(with.monitors().types()).contains(Heartbeat.class);
  }

  /**
   * The dsl's pluggable spec types: classes with a JSON type name whose kind is bound by modules
   * (the view shapes are a closed set their interface names).
   */
  private static List<Class<?>> namedSpecTypesOfTheDsl() throws IOException, URISyntaxException {
    Path location =
        Path.of(Experiment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    // The dsl's classes: a folder in an IDE, a jar in a Maven build.
    try (FileSystem jar =
            Files.isDirectory(location) ? null : FileSystems.newFileSystem(location, (ClassLoader) null);
        Stream<Path> files = Files.walk(jar == null ? location : jar.getPath("/"))) {
      Path root = jar == null ? location : jar.getPath("/");
      return files
          .map(root::relativize)
          .map(Path::toString)
          .map(f -> f.replace('\\', '/'))
          .filter(f -> f.endsWith(".class") && !f.contains("$") && !f.contains("Immutable"))
          .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
          .map(WiringTest::load)
          .filter(c -> c.isAnnotationPresent(JsonTypeName.class) && Spec.class.isAssignableFrom(c))
          .filter(c -> !c.getPackageName().endsWith(".augment"))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
