package vitssl.runner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vitssl.backbone.Backbone;
import vitssl.engine.Scoped;
import vitssl.head.ViewBatchedHead;
import vitssl.runner.compute.BackboneFeatures;
import vitssl.runner.compute.BackbonePass;

/**
 * Runs encoders over every view of a batch in training mode with as few engine calls as the
 * blocks allow: a batch-independent backbone takes each run of same-shaped views as one batch
 * ({@link BackboneFeatures}), and a {@link ViewBatchedHead} takes all views in one call (its BatchNorm still sees one view's batch
 * at a time).
 */
final class ViewForward {
  private final ParameterStore store;
  private BackbonePass backbones;

  ViewForward(ParameterStore store) {
    this.store = store;
    this.backbones = (backbone, views) -> BackboneFeatures.of(backbone, store, views);
  }

  /** Runs backbones through {@code pass} from now on (replicas, another number format). */
  void runBackbonesWith(BackbonePass pass) {
    this.backbones = pass;
  }

  /**
   * projector(backbone(x)) of every view, then {@code predictor} where there is one; only the
   * outputs outlive the call ({@link Scoped}).
   */
  List<NDArray> encode(Encoder encoder, Optional<Block> predictor, List<NDArray> views) {
    return Scoped.outputs(
        views,
        v -> {
          List<NDArray> projected =
              head(encoder.projector(), backbones.features(encoder.backbone(), v));
          return predictor.isPresent() ? head(predictor.get(), projected) : projected;
        });
  }

  /** Backbone features in inference mode. */
  NDArray features(Backbone backbone, NDArray images) {
    return backbone.block().forward(store, new NDList(images), false).singletonOrThrow();
  }

  /**
   * {@code head} applied to every view in training mode: in one call where the head takes views
   * together and they share a shape, else once per view.
   */
  private List<NDArray> head(Block head, List<NDArray> views) {
    boolean sameShape = views.stream().map(NDArray::getShape).distinct().count() == 1;
    if (head instanceof ViewBatchedHead batched && sameShape) {
      return batched.forwardViews(store, views, true);
    }
    List<NDArray> out = new ArrayList<>(views.size());
    for (NDArray view : views) {
      out.add(head.forward(store, new NDList(view), true).singletonOrThrow());
    }
    return out;
  }
}
