package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import vitssl.dsl.backbone.Vit;

/**
 * A {@link VisionTransformer}'s position embedding: the parameter its spec asks for (a frozen
 * sin-cos table, a learned table, or none) and the table resampled for a smaller grid.
 */
final class PositionTable {
  private PositionTable() {}

  /** The spec's position embedding as a parameter {@code [1, tokens, width]}; null for none. */
  static Parameter parameter(Vit spec) {
    Shape shape = new Shape(1, spec.tokens(), spec.width());
    switch (spec.positionEmbedding()) {
      case SIN_COS:
        SinCosPositionEmbedding table =
            new SinCosPositionEmbedding(
                spec.gridSize(), spec.width(), spec.pooling().usesClassToken());
        return Parameter.builder()
            .setName("position_embedding")
            .setType(Parameter.Type.OTHER)
            .optShape(shape)
            .optInitializer(table)
            .optRequiresGrad(false)
            .build();
      case LEARNED:
        return Parameter.builder()
            .setName("position_embedding")
            .setType(Parameter.Type.WEIGHT)
            .optShape(shape)
            .optInitializer(Initializers.normal(0.02))
            .build();
      case NONE:
        return null;
      default:
        throw new IllegalArgumentException(
            "Vit.positionEmbedding: unsupported value " + spec.positionEmbedding());
    }
  }

  /**
   * The position embedding of a {@code grid x grid} image (a local crop): the patch rows of the
   * table resampled bilinearly from the spec's grid (see {@link GridResampling}); the class
   * token's row stays as it is. Built in {@code manager}, with gradient to a learned table.
   */
  static NDArray resampled(Vit spec, NDArray table, int grid, NDManager manager) {
    int from = spec.gridSize();
    int offset = spec.pooling().usesClassToken() ? 1 : 0;
    NDArray weights =
        manager.create(
            GridResampling.matrix(from, grid), new Shape((long) grid * grid, (long) from * from));
    // Slices of the parameter land in its manager: move them to the step's.
    NDArray rows = table.get(new NDIndex(":, {}:, :", offset));
    rows.attach(manager);
    NDArray patches = rows.reshape((long) from * from, spec.width());
    NDArray moved = weights.matMul(patches).reshape(1, (long) grid * grid, spec.width());
    if (offset == 0) {
      return moved;
    }
    NDArray token = table.get(new NDIndex(":, :1, :"));
    token.attach(manager);
    return token.concat(moved, 1);
  }
}
