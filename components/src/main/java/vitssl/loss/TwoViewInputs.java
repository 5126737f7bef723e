package vitssl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Input checks of the losses over two views, so that a wrong call fails with a message naming the
 * loss, what it got and the fix, not with an engine error deep inside a matrix product.
 */
final class TwoViewInputs {
  private TwoViewInputs() {}

  /** Fails unless {@code views} holds exactly the two views SimCLR and BYOL compare. */
  static void requireTwo(String loss, String role, List<NDArray> views) {
    if (views.size() != 2) {
      throw new IllegalArgumentException(
          loss
              + ": got "
              + views.size()
              + " "
              + role
              + " views, expected exactly 2: the loss compares two views of each image;"
              + " use a two-view augmentation such as Views.byolAsymmetric(size)");
    }
  }

  /** Fails unless both arrays are [N, D] with the same N >= 1 and D. */
  static void requireSameRows(String loss, String firstName, NDArray first, String secondName, NDArray second) {
    Shape a = first.getShape();
    Shape b = second.getShape();
    if (a.dimension() != 2 || !a.equals(b) || a.get(0) < 1) {
      throw new IllegalArgumentException(
          loss
              + ": "
              + firstName
              + " "
              + a
              + " and "
              + secondName
              + " "
              + b
              + " must both be [N, D] with the same N >= 1 and D: pass the head outputs of one"
              + " batch, one row per image");
    }
  }
}
