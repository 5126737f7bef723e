package vitssl.runner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import vitssl.backbone.Backbone;
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
   * outputs outlive the call (see {@link #scoped}).
   */
  List<NDArray> encode(Encoder encoder, Optional<Block> predictor, List<NDArray> views) {
    return scoped(
        views,
        v -> {
          List<NDArray> projected =
              head(encoder.projector(), backbones.features(encoder.backbone(), v));
          return predictor.isPresent() ? head(predictor.get(), projected) : projected;
        });
  }

  /**
   * Runs {@code pass} over {@code views} in a manager of its own and keeps only what it returns,
   * attached where the views live. Autograd holds the arrays its backward pass reads, so what is
   * freed here is what PyTorch frees during its forward pass: every activation of the key encoder
   * (no gradient flows there) and each intermediate of the query encoder that the backward pass
   * does not read. Left in the step's manager, they would stay resident until the step ends.
   */
  static List<NDArray> scoped(List<NDArray> views, UnaryOperator<List<NDArray>> pass) {
    NDManager owner = views.get(0).getManager();
    try (NDManager own = owner.newSubManager()) {
      own.tempAttachAll(views.toArray(NDArray[]::new));
      List<NDArray> out = pass.apply(views);
      out.forEach(o -> o.attach(owner));
      return out;
    }
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
