package vitssl.runner.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import vitssl.backbone.Backbone;

/** A backbone's features of every view, computed with as few calls as the backbone allows. */
public final class BackboneFeatures {
  private BackboneFeatures() {}

  /**
   * Backbone features of every view, in training mode. A batch-independent backbone runs each
   * run of consecutive views of one shape as one batch (multi-crop: the global views together,
   * then the local ones); a backbone with BatchNorm runs once per view, so each view is
   * normalised by its own batch.
   */
  public static List<NDArray> of(Backbone backbone, ParameterStore store, List<NDArray> views) {
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
