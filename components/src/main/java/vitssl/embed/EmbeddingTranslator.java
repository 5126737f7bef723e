package vitssl.embed;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.awt.image.BufferedImage;
import vitssl.augment.EvalTransform;
import vitssl.augment.ViewShape;
import vitssl.data.RgbImage;
import vitssl.engine.HostArrays;
import vitssl.weights.Preprocessing;

/**
 * A decoded image to its embedding: the encoder's evaluation view ({@link EvalTransform}: resize,
 * centre crop, normalise, exactly as the run's kNN and linear probe saw images), then the
 * backbone. Images batch by stacking, so {@code batchPredict} runs the backbone once per batch.
 */
public final class EmbeddingTranslator implements Translator<BufferedImage, float[]> {
  private final EvalTransform transform;
  private final ViewShape shape;

  public EmbeddingTranslator(Preprocessing preprocessing) {
    this.transform = preprocessing.transform();
    this.shape = transform.shapes().get(0);
  }

  @Override
  public NDList processInput(TranslatorContext ctx, BufferedImage input) {
    float[] pixels = new float[shape.length()];
    transform.apply(RgbImage.of(input), pixels, 0);
    return new NDList(
        HostArrays.floats(
            ctx.getNDManager(),
            pixels,
            new Shape(shape.channels(), shape.height(), shape.width())));
  }

  @Override
  public float[] processOutput(TranslatorContext ctx, NDList list) {
    return list.singletonOrThrow().toFloatArray();
  }
}
