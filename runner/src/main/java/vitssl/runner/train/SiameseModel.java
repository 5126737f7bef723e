package vitssl.runner.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vitssl.backbone.Backbone;
import vitssl.dsl.Experiment;
import vitssl.inject.Components;
import vitssl.loss.SiameseLoss;
import vitssl.optim.MomentumUpdate;
import vitssl.runner.compute.BackbonePass;

/**
 * The encoders of a siamese method. The query (online) encoder is backbone + projector, with the
 * predictor on top; the key (target) encoder, present only when the loss reads keys (MoCo v3,
 * BYOL; not SimCLR or SwAV), is a second backbone + projector that never receives a gradient and
 * follows the query encoder by momentum. Both start from the same weights, as in MoCo v3.
 */
public final class SiameseModel {
  private final Encoder query;
  private final Optional<Block> predictor;
  private final Optional<Encoder> key;
  private final Optional<MomentumUpdate> momentum;
  private final ViewForward forward;
  private final NDManager manager;
  private final Shape inputShape;

  public SiameseModel(
      Encoder query,
      Optional<Block> predictor,
      Optional<Encoder> key,
      NDManager manager,
      Shape inputShape) {
    this.query = query;
    this.predictor = predictor;
    this.key = key;
    this.manager = manager;
    this.inputShape = inputShape;
    this.forward = new ViewForward(new ParameterStore(manager, false));
    initialize();
    this.momentum =
        key.map(
            k -> {
              k.block().freezeParameters(true);
              List<Parameter> q = keyAlignedQueryParameters();
              List<Parameter> kp = k.parameters();
              if (q.size() != kp.size()) {
                throw new IllegalStateException(
                    "query and key encoders differ: " + q.size() + " vs " + kp.size() + " parameters");
              }
              MomentumUpdate update = new MomentumUpdate(q, kp);
              update.copy();
              return update;
            });
  }

  /**
   * The encoders of {@code experiment}, seeded with its seed; the key encoder only when {@code
   * loss} reads keys.
   */
  public static SiameseModel of(
      Experiment experiment, SiameseLoss loss, Components components, NDManager manager) {
    Engine.getInstance().setRandomSeed((int) experiment.seed());
    Backbone queryBackbone = components.backbone(experiment.backbone());
    Optional<Backbone> keyBackbone =
        loss.usesKeys() ? Optional.of(components.backbone(experiment.backbone())) : Optional.empty();
    int width = queryBackbone.featureWidth();
    Encoder query = new Encoder(queryBackbone, components.head(experiment.projector(), width));
    Optional<Encoder> key =
        keyBackbone.map(b -> new Encoder(b, components.head(experiment.projector(), width)));
    Optional<Block> predictor =
        experiment.predictor().map(p -> components.head(p, experiment.projector().outputWidth()));
    Shape input =
        new Shape(
            experiment.batchSize(),
            experiment.backbone().channels(),
            experiment.backbone().imageSize(),
            experiment.backbone().imageSize());
    return new SiameseModel(query, predictor, key, manager, input);
  }

  /**
   * Initialises every parameter not yet initialised; for loaded ones, re-attaches the gradients
   * that loading drops, keeping the loaded values.
   */
  public void initialize() {
    query.block().initialize(manager, DataType.FLOAT32, inputShape);
    key.ifPresent(k -> k.block().initialize(manager, DataType.FLOAT32, inputShape));
    Shape projected = query.block().getOutputShapes(new Shape[] {inputShape})[0];
    predictor.ifPresent(p -> p.initialize(manager, DataType.FLOAT32, projected));
  }

  /**
   * q = predictor(projector(backbone(x))) of every view, in training mode, recording gradients
   * (see {@link ViewForward} for how views are batched).
   */
  public List<NDArray> queries(List<NDArray> views) {
    return forward.encode(query, predictor, views);
  }

  /**
   * k = projector(backbone(x)) of the key encoder for every view, in training mode (its BatchNorm
   * normalises by the view's batch, as MoCo v3's key encoder does), without gradient.
   *
   * @throws IllegalStateException when the model has no key encoder
   */
  public List<NDArray> keys(List<NDArray> views) {
    Encoder encoder = key.orElseThrow(() -> new IllegalStateException("no key encoder"));
    return forward.encode(encoder, Optional.empty(), views);
  }

  /** Whether there is a key encoder, i.e. whether the loss reads keys. */
  public boolean hasKeyEncoder() {
    return key.isPresent();
  }

  /** theta_k = m theta_k + (1 - m) theta_q; nothing when there is no key encoder. */
  public void updateKeyEncoder(double m) {
    momentum.ifPresent(u -> u.update(m));
  }

  /** Backbone features of the query encoder in inference mode, for monitors and the probe. */
  public NDArray features(NDArray images) {
    return forward.features(query.backbone(), images);
  }

  public Backbone queryBackbone() {
    return query.backbone();
  }

  /** The query encoder's backbone, then the key encoder's where there is one. */
  public List<Backbone> backbones() {
    List<Backbone> all = new ArrayList<>(List.of(query.backbone()));
    key.ifPresent(k -> all.add(k.backbone()));
    return all;
  }

  /**
   * Runs the backbones through {@code pass} from now on: over replicas on several devices, or in
   * another number format. The heads stay here, on this model's device.
   */
  public void runBackbonesWith(BackbonePass pass) {
    forward.runBackbonesWith(pass);
  }

  /** Every parameter the optimizer steps: query encoder and predictor, frozen ones included. */
  public List<Parameter> trainableParameters() {
    List<Parameter> all = new ArrayList<>(keyAlignedQueryParameters());
    predictor.ifPresent(p -> all.addAll(p.getParameters().values()));
    return all;
  }

  /** Query encoder parameters (backbone + projector) in the key encoder's order. */
  public List<Parameter> keyAlignedQueryParameters() {
    return query.parameters();
  }

  public Encoder queryEncoder() {
    return query;
  }

  public Optional<Block> predictor() {
    return predictor;
  }

  public Optional<Encoder> keyEncoder() {
    return key;
  }
}
