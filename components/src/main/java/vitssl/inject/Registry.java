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
  private final String binding;
  private final Map<Class<? extends S>, F> byType;

  /**
   * @param kind the component kind, in words ("backbone")
   * @param binding the static method a module calls to bind one of this kind ("Bindings.backbone"),
   *     named in the error for an unbound spec
   */
  public Registry(String kind, String binding, Map<Class<? extends S>, F> byType) {
    this.kind = kind;
    this.binding = binding;
    this.byType = Map.copyOf(byType);
  }

  public F find(S spec) {
    for (Class<?> type : lineage(spec.getClass())) {
      F factory = byType.get(type);
      if (factory != null) {
        return factory;
      }
    }
    String name = specType(spec.getClass()).getSimpleName();
    throw new IllegalArgumentException(
        "no "
            + kind
            + " is registered for "
            + name
            + " (registered: "
            + byType.keySet().stream().map(Class::getSimpleName).sorted().collect(Collectors.joining(", "))
            + "): install the Guice module that binds it, or bind it in yours with "
            + binding
            + "(binder(), "
            + name
            + ".class, factory)");
  }

  /** The type users write: the abstract spec type behind a generated {@code ImmutableX}. */
  private static Class<?> specType(Class<?> type) {
    Class<?> c = type;
    while (c.getSimpleName().startsWith("Immutable") && c.getSuperclass() != null
        && c.getSuperclass() != Object.class) {
      c = c.getSuperclass();
    }
    return c;
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
