package vitssl.weights;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.Map;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;

/** Encoders whose every parameter is moved off its initial value, as training would move it. */
final class TestEncoders {
  private TestEncoders() {}

  /** 16x16 images, 8x8 patches, width 16, 2 blocks, 2 heads: small enough for any test. */
  static Vit tinyVit() {
    return Vit.of(16, 2, 2).withImageSize(16).withPatchSize(8).withMlpRatio(2.0);
  }

  /** The tiny ViT without class token or final norm, with a learned position embedding. */
  static Vit tinyAveragingVit() {
    return tinyVit()
        .withPooling(Pooling.GLOBAL_AVERAGE)
        .withPositionEmbedding(PositionEmbedding.LEARNED);
  }

  /** ResNet-18 (torchvision's layout) at 32x32. */
  static ResNet resNet18() {
    return ResNet.r18().withImageSize(32);
  }

  /**
   * An encoder of the spec with every parameter perturbed by seeded noise: weights by N(0, 0.05),
   * BatchNorm running means by N(0, 0.1) and running variances drawn from [0.5, 1.5].
   */
  static Encoder trained(BackboneSpec spec, NDManager manager, int seed) {
    Engine.getInstance().setRandomSeed(seed);
    Encoder encoder = Encoder.create(spec, Preprocessing.imagenet(spec.imageSize()), "test", manager);
    for (Map.Entry<String, Parameter> entry : ParameterPaths.of(encoder.backbone().block()).entrySet()) {
      NDArray array = entry.getValue().getArray();
      Shape shape = array.getShape();
      NDArray moved;
      if (entry.getKey().endsWith("runningVar")) {
        moved = manager.randomUniform(0.5f, 1.5f, shape);
      } else if (entry.getKey().endsWith("runningMean")) {
        moved = manager.randomNormal(0f, 0.1f, shape, array.getDataType());
      } else {
        moved = array.add(manager.randomNormal(0f, 0.05f, shape, array.getDataType()));
      }
      array.set(moved.toByteBuffer());
      moved.close();
    }
    return encoder;
  }

  /** Seeded images {@code [batch, C, S, S]}, as normalised pixels would be. */
  static NDArray images(BackboneSpec spec, NDManager manager, int batch) {
    return manager.randomNormal(
        new Shape(batch, spec.channels(), spec.imageSize(), spec.imageSize()));
  }
}
