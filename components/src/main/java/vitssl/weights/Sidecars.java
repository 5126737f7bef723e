package vitssl.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vitssl.io.AtomicFiles;

/**
 * The JSON file beside a {@code .safetensors} file ({@code NAME.json} for {@code
 * NAME.safetensors}) that says what its tensors are, in snake_case as Python readers expect.
 */
public final class Sidecars {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private Sidecars() {}

  /** The sidecar of a tensors file: the same name with {@code .json} for {@code .safetensors}. */
  public static Path of(Path tensors) {
    String name = tensors.getFileName().toString();
    String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - 12) : name;
    return tensors.resolveSibling(stem + ".json");
  }

  public static void write(Path tensors, Object value) {
    try {
      AtomicFiles.writeString(of(tensors), JSON.writeValueAsString(value) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + of(tensors), e);
    }
  }

  /** Reads the sidecar of {@code tensors}; a missing one fails naming it and {@code fix}. */
  public static <T> T read(Path tensors, Class<T> type, String fix) {
    Path sidecar = of(tensors);
    if (!Files.isRegularFile(sidecar)) {
      throw new IllegalArgumentException(tensors + " has no sidecar " + sidecar.getFileName() + ": " + fix);
    }
    try {
      return JSON.readValue(sidecar.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(sidecar + " is unreadable: " + e.getMessage(), e);
    }
  }

  /** Reads JSON text as a tree, for specs kept inside a sidecar. */
  static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + e.getMessage(), e);
    }
  }
}
