package vitssl.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Specs to and from JSON. Polymorphic specs carry their {@code "type"} name; the codec knows the
 * types it is given, which for a run are the ones its modules bind.
 */
public final class SpecJson {
  private final ObjectMapper mapper;

  private SpecJson(Collection<Class<?>> types) {
    mapper =
        new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> type : types) {
      String name = typeName(type);
      Class<?> previous = byName.putIfAbsent(name, type);
      if (previous != null && previous != type) {
        throw new SpecException(
            "JSON type name \""
                + name
                + "\" is claimed by both "
                + previous.getName()
                + " and "
                + type.getName()
                + ": give one of them another @JsonTypeName");
      }
    }
    mapper.registerSubtypes(byName.values().toArray(new Class<?>[0]));
  }

  /**
   * A codec that knows these polymorphic spec types by their {@code @JsonTypeName}. A run's codec
   * takes exactly the types its injector's modules bind.
   */
  public static SpecJson withTypes(Collection<? extends Class<?>> types) {
    return new SpecJson(new ArrayList<>(types));
  }

  public String write(Object spec) {
    try {
      return mapper.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write " + spec.getClass().getSimpleName(), e);
    }
  }

  public <T> T read(String json, Class<T> type) {
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SpecException spec) {
        throw spec;
      }
      throw new SpecException(
          "JSON for " + type.getSimpleName() + " does not parse: " + e.getOriginalMessage()
              + " (at " + e.getLocation() + "); check the field names and the \"type\" values");
    }
  }

  public Experiment readExperiment(String json) {
    return read(json, Experiment.class);
  }

  private static String typeName(Class<?> type) {
    com.fasterxml.jackson.annotation.JsonTypeName name =
        type.getAnnotation(com.fasterxml.jackson.annotation.JsonTypeName.class);
    if (name == null) {
      throw new SpecException(
          type.getName() + " has no @JsonTypeName: annotate it so its JSON names its type");
    }
    return name.value();
  }
}
