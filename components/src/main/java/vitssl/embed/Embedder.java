package vitssl.embed;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import java.awt.image.BufferedImage;
import vitssl.weights.Encoder;

/**
 * DJL {@link Predictor}s that embed images with a trained encoder:
 *
 * <pre>{@code
 * try (Encoder encoder = Encoders.open(Path.of("runs/mocov3-cifar10"));  // or an exported file
 *     Predictor<BufferedImage, float[]> predictor = Embedder.predictor(encoder)) {
 *   float[] embedding = predictor.predict(ImageIO.read(new File("cat.png")));
 * }
 * }</pre>
 */
public final class Embedder {
  private Embedder() {}

  /**
   * A predictor over the encoder's backbone in inference mode, with its {@link
   * EmbeddingTranslator}; closing it frees what it allocated, the encoder stays open. Predictors
   * are not thread-safe: take one per thread.
   */
  public static Predictor<BufferedImage, float[]> predictor(Encoder encoder) {
    Model model = Model.newInstance("encoder", encoder.manager().getDevice());
    model.setBlock(encoder.backbone().block());
    return new ModelPredictor(model, new EmbeddingTranslator(encoder.preprocessing()));
  }

  /** A predictor that owns its model, so that closing one closes both. */
  private static final class ModelPredictor extends Predictor<BufferedImage, float[]> {
    private final Model owned;

    ModelPredictor(Model model, EmbeddingTranslator translator) {
      super(model, translator, model.getNDManager().getDevice(), false);
      this.owned = model;
    }

    @Override
    public void close() {
      super.close();
      owned.close();
    }
  }
}
