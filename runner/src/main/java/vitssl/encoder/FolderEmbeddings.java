package vitssl.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import vitssl.data.ImageFiles;
import vitssl.embed.EmbeddingsFile;
import vitssl.runner.evaluation.Features;
import vitssl.weights.Encoder;

/**
 * The embeddings of every image under a folder (any depth, sorted by path), through the encoder's
 * evaluation view, one batch at a time as the run's own evaluation extracts features.
 *
 * @param files the images, in row order
 * @param features {@code [files, featureWidth]}
 */
public record FolderEmbeddings(Path folder, List<Path> files, NDArray features) {

  public static FolderEmbeddings of(
      Encoder encoder, Path folder, int batchSize, int workers, NDManager manager) {
    List<Path> files = ImageFiles.under(folder);
    Features features =
        Features.extract(
            ImageFiles.source(files),
            encoder.preprocessing().transform(),
            encoder::features,
            batchSize,
            workers,
            manager);
    return new FolderEmbeddings(folder, files, features.features());
  }

  /** Row {@code i} as an array. */
  public float[] row(int i) {
    return features.get(i).toFloatArray();
  }

  /** Every row, as arrays. */
  public float[][] rows() {
    float[] flat = features.toFloatArray();
    int width = (int) features.getShape().get(1);
    float[][] out = new float[files.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
    }
    return out;
  }

  /** The index an {@link EmbeddingsFile} keeps: files relative to the folder. */
  public EmbeddingsFile.Index index(Encoder encoder) {
    return new EmbeddingsFile.Index(
        encoder.source(),
        encoder.preprocessing(),
        (int) features.getShape().get(1),
        folder.toString(),
        files.stream().map(f -> folder.relativize(f).toString()).toList());
  }
}
