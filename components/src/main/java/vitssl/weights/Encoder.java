package vitssl.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;
import vitssl.backbone.Backbone;
import vitssl.backbone.ResNetBackbone;
import vitssl.backbone.VitBackbone;

/**
 * A trained backbone ready for inference: its spec, its initialised block (parameters owned by the
 * encoder's own manager) and the {@link Preprocessing} its images need. Closing it frees the
 * parameters.
 */
public final class Encoder implements AutoCloseable {
  private final BackboneSpec spec;
  private final Backbone backbone;
  private final Preprocessing preprocessing;
  private final String source;
  private final NDManager manager;

  private Encoder(
      BackboneSpec spec,
      Backbone backbone,
      Preprocessing preprocessing,
      String source,
      NDManager manager) {
    this.spec = spec;
    this.backbone = backbone;
    this.preprocessing = preprocessing;
    this.source = source;
    this.manager = manager;
  }

  /**
   * An encoder of this spec, initialised (at random until weights are loaded into it) in a
   * sub-manager of {@code parent}.
   *
   * @param source where its weights come from, for messages and sidecars
   */
  public static Encoder create(
      BackboneSpec spec, Preprocessing preprocessing, String source, NDManager parent) {
    NDManager manager = parent.newSubManager();
    Backbone backbone = backboneOf(spec);
    backbone
        .block()
        .initialize(
            manager,
            DataType.FLOAT32,
            new Shape(1, spec.channels(), spec.imageSize(), spec.imageSize()));
    return new Encoder(spec, backbone, preprocessing, source, manager);
  }

  /**
   * An encoder around a backbone built and initialised elsewhere (a run's), whose parameters
   * {@code manager} owns; closing the encoder closes it.
   */
  public static Encoder wrap(
      BackboneSpec spec,
      Backbone backbone,
      Preprocessing preprocessing,
      String source,
      NDManager manager) {
    return new Encoder(spec, backbone, preprocessing, source, manager);
  }

  /** The backbones that have a {@link WeightLayout}, built from their spec. */
  static Backbone backboneOf(BackboneSpec spec) {
    if (spec instanceof Vit vit) {
      return new VitBackbone(vit);
    }
    if (spec instanceof ResNet resNet) {
      return new ResNetBackbone(resNet);
    }
    WeightLayout.require(spec);
    throw new IllegalStateException("unreachable: " + spec);
  }

  /** Features {@code [B, featureWidth]} of images {@code [B, C, S, S]}, in inference mode. */
  public NDArray features(NDArray images) {
    return backbone
        .block()
        .forward(new ParameterStore(images.getManager(), false), new NDList(images), false)
        .singletonOrThrow();
  }

  public BackboneSpec spec() {
    return spec;
  }

  public Backbone backbone() {
    return backbone;
  }

  public Preprocessing preprocessing() {
    return preprocessing;
  }

  public String source() {
    return source;
  }

  /** The manager that owns the parameters. */
  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }
}
