package vitssl.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.List;
import vitssl.weights.Preprocessing;
import vitssl.weights.SafetensorsFiles;
import vitssl.weights.Sidecars;

/**
 * Embeddings of a folder: {@code NAME.safetensors} holding {@code features} {@code [N, D]}, row i
 * the embedding of file i of the sidecar {@code NAME.json}, which also names the encoder and the
 * view the images went through.
 */
public final class EmbeddingsFile {
  /** The tensor's name in the file. */
  public static final String FEATURES = "features";

  /**
   * @param files the images, relative to {@code folder}, one per row
   */
  public record Index(
      String encoder, Preprocessing preprocessing, int featureWidth, String folder, List<String> files) {}

  private EmbeddingsFile() {}

  /** Writes {@code features} {@code [N, D]} and its index; N must be the number of files. */
  public static void write(Path file, NDArray features, Index index) {
    if (features.getShape().get(0) != index.files().size()) {
      throw new IllegalArgumentException(
          features.getShape().get(0) + " embeddings for " + index.files().size() + " files");
    }
    NDArray named = features.duplicate();
    named.setName(FEATURES);
    try (NDList list = new NDList(named)) {
      SafetensorsFiles.write(file, list);
    }
    Sidecars.write(file, index);
  }

  /** The index of an embeddings file. */
  public static Index index(Path file) {
    return Sidecars.read(file, Index.class, "give a file that embed wrote");
  }

  /** The features of an embeddings file, owned by {@code manager}. */
  public static NDArray features(Path file, NDManager manager) {
    return SafetensorsFiles.read(file, manager).get(FEATURES);
  }
}
