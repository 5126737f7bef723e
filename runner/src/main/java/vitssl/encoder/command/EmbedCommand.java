package vitssl.encoder.command;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.TranslateException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vitssl.data.ImageFiles;
import vitssl.embed.Embedder;
import vitssl.embed.EmbeddingsFile;
import vitssl.embed.Neighbours;
import vitssl.encoder.CommandLines;
import vitssl.encoder.Encoders;
import vitssl.encoder.FolderEmbeddings;
import vitssl.weights.Encoder;
import vitssl.weights.Sidecars;

/** {@code embed --checkpoint X --data DIR (--out FILE | --query IMAGE --neighbours K)}. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Embeds every .png/.jpg under a folder (any depth, sorted by path) with a trained encoder,"
          + " through the run's evaluation view (resize, centre crop, normalise): --out writes"
          + " one feature per image as safetensors (tensor \"features\" [N, D]) with the file"
          + " list in its sidecar FILE.json; --query prints the folder's --neighbours images"
          + " nearest to an image by cosine similarity.",
    },
    footer = {
      "",
      "Examples:",
      "  bin/vitssl vitssl.encoder.command.EmbedCommand --checkpoint runs/mocov3-cifar10"
          + " --data photos --out photos.safetensors",
      "  bin/vitssl vitssl.encoder.command.EmbedCommand --checkpoint vit.safetensors"
          + " --data photos --query cat.jpg --neighbours 8"
    })
public final class EmbedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "RUN_DIR|CHECKPOINT|WEIGHTS",
      description =
          "The encoder: a run folder, a checkpoint, an exported or imported .safetensors, or a"
              + " moco-v3 checkpoint.")
  Path checkpoint;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "The images.")
  Path data;

  @Option(
      names = "--out",
      paramLabel = "FILE.safetensors",
      description = "Where to write the embeddings (and FILE.json, the file list).")
  Path out;

  @Option(
      names = "--query",
      paramLabel = "IMAGE",
      description = "An image whose nearest images in DIR to print.")
  Path query;

  @Option(
      names = {"--neighbours", "-k"},
      paramLabel = "K",
      defaultValue = "8",
      description = "How many nearest images --query prints. Default: ${DEFAULT-VALUE}.")
  int neighbours;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "64",
      description = "Images per forward pass. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Image decoding threads. Default: one per core.")
  Integer workers;

  @Mixin WeightsOptions weights;

  @Override
  public Integer call() throws IOException, TranslateException {
    if (out == null && query == null) {
      throw new IllegalArgumentException(
          "give --out FILE.safetensors to write the embeddings, or --query IMAGE to find its"
              + " neighbours (or both)");
    }
    if (out != null && !out.getFileName().toString().endsWith(".safetensors")) {
      throw new IllegalArgumentException("--out " + out + ": name the file NAME.safetensors");
    }
    if (query != null && !ImageFiles.isImage(query)) {
      throw new IllegalArgumentException(
          "--query " + query + ": not a .png or .jpg file; give an image to find neighbours of");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size " + batchSize + ": use at least 1");
    }
    if (workers != null && workers < 1) {
      throw new IllegalArgumentException("--workers " + workers + ": use at least 1");
    }
    PrintWriter log = spec.commandLine().getOut();
    int threads = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
    try (NDManager manager = NDManager.newBaseManager();
        Encoder encoder = Encoders.open(checkpoint, weights.options(), manager)) {
      FolderEmbeddings embeddings = FolderEmbeddings.of(encoder, data, batchSize, threads, manager);
      log.printf("%s: %d images embedded by %s%n", data, embeddings.files().size(), encoder.source());
      if (out != null) {
        EmbeddingsFile.write(out, embeddings.features(), embeddings.index(encoder));
        log.printf("  wrote %s%n  wrote %s%n", out, Sidecars.of(out));
      }
      if (query != null) {
        printNeighbours(encoder, embeddings, log);
      }
    }
    log.flush();
    return 0;
  }

  private void printNeighbours(Encoder encoder, FolderEmbeddings embeddings, PrintWriter log)
      throws IOException, TranslateException {
    BufferedImage image = ImageIO.read(query.toFile());
    if (image == null) {
      throw new IllegalArgumentException("--query " + query + ": javax.imageio cannot decode it");
    }
    float[] embedding;
    try (Predictor<BufferedImage, float[]> predictor = Embedder.predictor(encoder)) {
      embedding = predictor.predict(image);
    }
    List<Neighbours.Match> nearest = Neighbours.nearest(embedding, embeddings.rows(), neighbours);
    log.printf("nearest to %s (cosine similarity):%n", query);
    for (int rank = 0; rank < nearest.size(); rank++) {
      Neighbours.Match match = nearest.get(rank);
      Path file = embeddings.files().get(match.index());
      log.printf("%3d  %.4f  %s%n", rank + 1, match.similarity(), data.relativize(file));
    }
  }

  public static void main(String[] args) {
    System.exit(CommandLines.execute(new EmbedCommand(), args));
  }
}
