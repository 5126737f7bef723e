package vitssl.runner.compute;

import ai.djl.ndarray.NDArray;
import java.util.List;
import vitssl.backbone.Backbone;

/**
 * Runs one of a siamese model's backbones over every view of a step, in training mode, and
 * returns its features, one {@code [B, width]} array per view in view order. The model's own pass
 * runs the backbone where it lives; {@link Replicas} splits the batch over several devices.
 */
@FunctionalInterface
public interface BackbonePass {
  List<NDArray> features(Backbone backbone, List<NDArray> views);
}
