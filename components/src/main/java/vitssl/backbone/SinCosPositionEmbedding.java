package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import vitssl.engine.Scalars;

/**
 * MoCo v3's fixed 2-D sin-cos position embedding ({@code build_2d_sincos_position_embedding},
 * temperature 10000), as an initializer for a frozen parameter of shape {@code [1, tokens, width]}.
 *
 * <p>With {@code d = width / 4} and {@code omega_i = 1 / 10000^(i / d)}, patch token {@code m} of a
 * {@code g x g} grid gets {@code [sin(a*omega), cos(a*omega), sin(b*omega), cos(b*omega)]} with
 * {@code a = m / g} and {@code b = m % g}. MoCo v3 names {@code a} "w" and {@code b} "h", but its
 * {@code torch.meshgrid(grid_w, grid_h)} indexes "ij", so {@code a} runs slowest: it is the patch's
 * row in the row-major patch order. The class token, if any, comes first with an all-zero vector.
 */
final class SinCosPositionEmbedding implements Initializer {
  private static final float TEMPERATURE = 10000f;

  private final int grid;
  private final int width;
  private final boolean classToken;

  SinCosPositionEmbedding(int grid, int width, boolean classToken) {
    if (width % 4 != 0) {
      throw new IllegalArgumentException(
          "sin-cos position embedding: width "
              + width
              + " is not divisible by 4; use a width that is");
    }
    this.grid = grid;
    this.width = width;
    this.classToken = classToken;
  }

  /** The embedding's shape: {@code [1, tokens, width]}. */
  Shape shape() {
    return new Shape(1, (long) grid * grid + (classToken ? 1 : 0), width);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    if (!shape.equals(shape())) {
      throw new IllegalArgumentException(
          "sin-cos position embedding: asked for shape "
              + shape
              + " but the grid gives "
              + shape());
    }
    try (NDManager scope = manager.newSubManager()) {
      int quarter = width / 4;
      NDArray omega =
          scope
              .ones(new Shape(quarter))
              .div(scope.create(TEMPERATURE).pow(Scalars.div(scope.arange(0f, quarter, 1f), quarter)))
              .reshape(1, quarter);
      NDArray steps = scope.arange(0f, grid, 1f);
      NDArray rows = steps.reshape(grid, 1).broadcast(grid, grid).reshape(-1, 1);
      NDArray columns = steps.reshape(1, grid).broadcast(grid, grid).reshape(-1, 1);
      NDArray outRows = rows.mul(omega);
      NDArray outColumns = columns.mul(omega);
      NDList parts = new NDList();
      if (classToken) {
        parts.add(scope.zeros(new Shape(1, width)));
      }
      parts.add(
          NDArrays.concat(
              new NDList(outRows.sin(), outRows.cos(), outColumns.sin(), outColumns.cos()), 1));
      NDArray table = NDArrays.concat(parts, 0).reshape(shape).toType(dataType, false);
      table.attach(manager);
      return table;
    }
  }
}
