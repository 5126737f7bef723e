package vitssl.weights;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vitssl.dsl.SpecJson;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.io.AtomicFiles;

/**
 * An exported backbone: {@code NAME.safetensors} with the parameters in the family's {@link
 * WeightLayout} (timm's or torchvision's names), beside {@code NAME.json}, its {@link
 * WeightsCard}. Import reads the pair back into an identical backbone, bit for bit.
 */
public final class BackboneFile {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT);
  private static final SpecJson SPECS = SpecJson.standard();

  private BackboneFile() {}

  /** The sidecar of a weights file: the same name with {@code .json} for {@code .safetensors}. */
  public static Path sidecarOf(Path weights) {
    String name = weights.getFileName().toString();
    String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - 12) : name;
    return weights.resolveSibling(stem + ".json");
  }

  /** Writes the encoder's weights and its sidecar; returns the sidecar's card. */
  public static WeightsCard write(Path weights, Encoder encoder) {
    WeightLayout layout = WeightLayout.require(encoder.spec());
    WeightsCard card;
    try {
      card = WeightsCard.of(encoder, JSON.readTree(SPECS.write(encoder.spec())));
    } catch (IOException e) {
      throw new UncheckedIOException("the backbone spec does not convert to JSON", e);
    }
    try (NDManager scope = encoder.manager().newSubManager()) {
      NDList named = BackboneWeights.named(encoder.backbone().block(), layout, scope);
      SafetensorsFiles.write(weights, named);
    }
    try {
      AtomicFiles.writeString(sidecarOf(weights), JSON.writeValueAsString(card) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + sidecarOf(weights), e);
    }
    return card;
  }

  /** Reads a sidecar. */
  public static WeightsCard card(Path weights) {
    Path sidecar = sidecarOf(weights);
    if (!Files.isRegularFile(sidecar)) {
      throw new IllegalArgumentException(
          weights + " has no sidecar " + sidecar.getFileName()
              + ": give a file that export or import wrote, or import it from its own format first");
    }
    try {
      return JSON.readValue(sidecar.toFile(), WeightsCard.class);
    } catch (IOException e) {
      throw new UncheckedIOException(sidecar + " is unreadable: " + e.getMessage(), e);
    }
  }

  /** An encoder rebuilt from its sidecar's spec, with the file's weights, in {@code parent}. */
  public static Encoder read(Path weights, NDManager parent) {
    WeightsCard card = card(weights);
    if (card.backbone() == null) {
      throw new IllegalArgumentException(
          sidecarOf(weights) + " has no vitssl backbone spec: import the weights instead");
    }
    BackboneSpec spec = SPECS.read(card.backbone().toString(), BackboneSpec.class);
    Encoder encoder = Encoder.create(spec, card.preprocessing(), weights.toString(), parent);
    try (NDManager scope = parent.newSubManager()) {
      NDList tensors = SafetensorsFiles.read(weights, scope);
      BackboneWeights.load(encoder.backbone().block(), WeightLayout.require(spec), tensors, weights.toString());
    } catch (RuntimeException e) {
      encoder.close();
      throw e;
    }
    return encoder;
  }
}
