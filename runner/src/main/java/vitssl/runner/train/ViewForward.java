package vitssl.runner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import vitssl.backbone.Backbone;
import vitssl.head.ViewBatchedHead;

/**
 * Runs encoders over every view of a batch in training mode with as few engine calls as the
 * blocks allow: a batch-independent backbone takes each run of same-shaped views as one batch, and
 * a {@link ViewBatchedHead} takes all views in one call (its BatchNorm still sees one view's batch
 * at a time).
 */
final class ViewForward {
  private final ParameterStore store;

  ViewForward(ParameterStore store) {
    this.store = store;
  }

  /** projector(backbone(x)) of every view. */
  List<NDArray> encode(Encoder encoder, List<NDArray> views) {
    return head(encoder.projector(), backbone(encoder.backbone(), views));
  }

  /** Backbone features in inference mode. */
  NDArray features(Backbone backbone, NDArray images) {
    return backbone.block().forward(store, new NDList(images), false).singletonOrThrow();
  }

  /**
   * {@code head} applied to every view in training mode: in one call where the head takes views
   * together and they share a shape, else once per view.
   */
  List<NDArray> head(Block head, List<NDArray> views) {
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

  /**
   * Backbone features of every view. A batch-independent backbone runs each run of consecutive
   * views of one shape as one batch (multi-crop: the global views together, then the local ones).
   */
  private List<NDArray> backbone(Backbone backbone, List<NDArray> views) {
    List<NDArray> out = new ArrayList<>(views.size());
    int start = 0;
    while (start < views.size()) {
      int end = start + 1;
      if (backbone.batchIndependent()) {
        while (end < views.size()
            && views.get(end).getShape().equals(views.get(start).getShape())) {
          end++;
        }
      }
      List<NDArray> group = views.subList(start, end);
      NDArray input =
          group.size() == 1
              ? group.get(0)
              : NDArrays.concat(new NDList(group.toArray(new NDArray[0])), 0);
      NDArray features = backbone.block().forward(store, new NDList(input), true).singletonOrThrow();
      if (group.size() == 1) {
        out.add(features);
      } else {
        out.addAll(features.split(group.size(), 0));
      }
      start = end;
    }
    return out;
  }
}
