package vitssl.dsl;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Specs to and from JSON. Polymorphic specs carry their {@code "type"} name; the codec knows the
 * types it is given, which for a run are the ones its modules bind.
 */
public final class SpecJson {
  private final ObjectMapper mapper;
  private final Map<String, Class<?>> byName = new LinkedHashMap<>();

  private SpecJson(Collection<Class<?>> types) {
    mapper =
        new ObjectMapper()
            .registerModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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
    } catch (InvalidTypeIdException e) {
      String given = e.getTypeId() == null ? "no \"type\"" : "\"type\": \"" + e.getTypeId() + "\"";
      throw new SpecException(
          "JSON for " + type.getSimpleName() + " at " + where(e) + ": " + given + " is not a known "
              + e.getBaseType().getRawClass().getSimpleName() + "; use one of "
              + namesOf(e.getBaseType().getRawClass()) + ", or install the module that registers it");
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SpecException spec) {
        throw spec;
      }
      throw new SpecException(
          "JSON for " + type.getSimpleName() + " does not parse at " + where(e) + ": "
              + e.getOriginalMessage().replace('\n', ' ')
              + "; check the field names and the \"type\" values");
    }
  }

  /** The field path and line of a JSON error, on one line: {@code backbone (line 3, column 12)}. */
  private static String where(JsonProcessingException e) {
    StringBuilder path = new StringBuilder();
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
    }
    JsonLocation at = e.getLocation();
    String line = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
    return path.length() == 0 ? "(" + line + ")" : path + " (" + line + ")";
  }

  public Experiment readExperiment(String json) {
    return read(json, Experiment.class);
  }

  /** The registered type names of the subtypes of {@code base}, e.g. every backbone's, sorted. */
  private List<String> namesOf(Class<?> base) {
    return byName.entrySet().stream()
        .filter(entry -> base.isAssignableFrom(entry.getValue()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
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
