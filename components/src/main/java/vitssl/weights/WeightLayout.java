package vitssl.weights;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;

/**
 * The parameter names of a backbone family in the library the field loads it with: timm's for a
 * ViT, torchvision's for a ResNet. Translates vitssl's {@link ParameterPaths} one to one.
 */
public interface WeightLayout {
  /** The layout's name, as the sidecar states it: {@code "timm"} or {@code "torchvision"}. */
  String format();

  /** The layout's name of a vitssl parameter path; a path the layout lacks fails. */
  String externalName(String path);

  /**
   * Names the layout holds that vitssl keeps nothing for, given the layout's names of the
   * parameters: torchvision's {@code num_batches_tracked} beside every BatchNorm. Written as zero
   * counters on export (they matter only to a BatchNorm without momentum), skipped on import.
   */
  default List<String> counters(Collection<String> externalNames) {
    return List.of();
  }

  /** The layout of a spec's family, if it has one. */
  static Optional<WeightLayout> of(BackboneSpec spec) {
    if (spec instanceof Vit) {
      return Optional.of(new TimmVitLayout());
    }
    if (spec instanceof ResNet) {
      return Optional.of(new TorchvisionResNetLayout());
    }
    return Optional.empty();
  }

  /** The layout of a spec's family, or a one-line error naming the spec type. */
  static WeightLayout require(BackboneSpec spec) {
    return of(spec)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "backbone "
                        + spec.getClass().getSimpleName()
                        + " has no timm or torchvision layout: export and import handle Vit and"
                        + " ResNet backbones"));
  }
}
