package vitssl.head;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A head that can take every view of a batch in one call and still compute what one call per
 * view would: the same outputs, the same gradients, the same updates of any running statistics.
 * Siamese models hand such a head all their views at once, so that its matrix products run over
 * all views' rows together; any other head is called once per view.
 */
public interface ViewBatchedHead {
  /**
   * The head applied to each of {@code views} ({@code [B, in]} each, the same {@code B}), as if
   * called on each in turn, in order.
   */
  List<NDArray> forwardViews(ParameterStore parameterStore, List<NDArray> views, boolean training);
}
