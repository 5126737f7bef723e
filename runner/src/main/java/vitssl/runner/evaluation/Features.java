package vitssl.runner.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;
import vitssl.augment.Batch;
import vitssl.augment.BatchLoader;
import vitssl.augment.ImageTransform;
import vitssl.augment.ViewShape;
import vitssl.data.ImageSource;
import vitssl.engine.HostArrays;

/**
 * Backbone features of every image of a source, in inference mode, one batch at a time.
 *
 * @param features {@code [N, D]}, owned by the manager given to {@link #extract}
 * @param labels the images' classes, in source order
 */
public record Features(NDArray features, int[] labels) {

  /**
   * Runs {@code backbone} over {@code source}; each batch's arrays live in a sub-manager closed
   * after the batch, so only the result stays.
   */
  public static Features extract(
      ImageSource source,
      ImageTransform transform,
      UnaryOperator<NDArray> backbone,
      int batchSize,
      int workers,
      NDManager manager) {
    ViewShape shape = transform.shapes().get(0);
    int n = source.size();
    int[] labels = new int[n];
    float[] out = null;
    int width = -1;
    try (BatchLoader loader =
        BatchLoader.evaluation(source, transform, batchSize).workers(workers).open()) {
      while (loader.hasNext()) {
        Batch batch = loader.next();
        try (NDManager step = manager.newSubManager()) {
          NDArray images =
              HostArrays.floats(
                  step,
                  batch.views()[0],
                  new Shape(batch.size(), shape.channels(), shape.height(), shape.width()));
          loader.recycle(batch);
          float[] f = backbone.apply(images).toFloatArray();
          if (out == null) {
            width = f.length / batch.size();
            out = new float[n * width];
          }
          for (int i = 0; i < batch.size(); i++) {
            int index = batch.indices()[i];
            labels[index] = batch.labels()[i];
            System.arraycopy(f, i * width, out, index * width, width);
          }
        }
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("no images to extract features from");
    }
    return new Features(HostArrays.floats(manager, out, new Shape(n, width)), labels);
  }
}
