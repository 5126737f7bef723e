package vitssl.inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the factory registered for a spec's type. A spec's runtime class is its generated
 * implementation, so the lookup walks up to the abstract spec type that was bound.
 *
 * @param <S> the spec kind, e.g. {@code BackboneSpec}
 * @param <F> the factory kind
 */
public final class Registry<S, F> {
  private final String kind;
  private final Map<Class<? extends S>, F> byType;

  public Registry(String kind, Map<Class<? extends S>, F> byType) {
    this.kind = kind;
    this.byType = Map.copyOf(byType);
  }

  public F find(S spec) {
    for (Class<?> type : lineage(spec.getClass())) {
      F factory = byType.get(type);
      if (factory != null) {
        return factory;
      }
    }
    throw new IllegalArgumentException(
        "no "
            + kind
            + " is registered for "
            + spec.getClass().getSimpleName()
            + " (registered: "
            + byType.keySet().stream().map(Class::getSimpleName).sorted().collect(Collectors.joining(", "))
            + "): install the Guice module that binds it with Bindings."
            + kind.replace(" ", "")
            + "s(binder()).addBinding(YourSpec.class)");
  }

  /** The spec types with a factory. */
  public java.util.Set<Class<? extends S>> types() {
    return byType.keySet();
  }

  private static List<Class<?>> lineage(Class<?> type) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      out.add(c);
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        out.add(i);
      }
    }
    return out;
  }
}
