package vitssl.runner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vitssl.model.Backbone;
import vitssl.model.ViewBatchedHead;
import vitssl.runner.compute.BackboneFeatures;
import vitssl.runner.compute.BackbonePass;

/**
 * The two encoders of a siamese method. The query (online) encoder is backbone + projector, with
 * the predictor on top; the key (target) encoder is a second backbone + projector that never
 * receives a gradient and follows the query encoder by momentum. Both start from the same
 * weights, as in MoCo v3.
 */
public final class SiameseModel {
  private final Backbone queryBackbone;
  private final SequentialBlock queryEncoder;
  private final Optional<Block> predictor;
  private final Backbone keyBackbone;
  private final SequentialBlock keyEncoder;
  private final ParameterStore store;
  private final NDManager manager;
  private final Shape inputShape;
  private BackbonePass backbonePass;

  public SiameseModel(
      Backbone queryBackbone,
      Block queryProjector,
      Optional<Block> predictor,
      Backbone keyBackbone,
      Block keyProjector,
      NDManager manager,
      Shape inputShape) {
    this.queryBackbone = queryBackbone;
    this.keyBackbone = keyBackbone;
    this.queryEncoder = new SequentialBlock().add(queryBackbone.block()).add(queryProjector);
    this.keyEncoder = new SequentialBlock().add(keyBackbone.block()).add(keyProjector);
    this.predictor = predictor;
    this.manager = manager;
    this.inputShape = inputShape;
    initialize();
    keyEncoder.freezeParameters(true);
    this.store = new ParameterStore(manager, false);
    this.backbonePass = (backbone, views) -> BackboneFeatures.of(backbone, store, views);
    List<Parameter> q = keyAlignedQueryParameters();
    List<Parameter> k = keyParameters();
    if (q.size() != k.size()) {
      throw new IllegalStateException(
          "query and key encoders differ: " + q.size() + " vs " + k.size() + " parameters");
    }
  }

  /**
   * Initialises every parameter not yet initialised; for loaded ones, re-attaches the gradients
   * that loading drops, keeping the loaded values.
   */
  public void initialize() {
    queryEncoder.initialize(manager, DataType.FLOAT32, inputShape);
    keyEncoder.initialize(manager, DataType.FLOAT32, inputShape);
    Shape projected = queryEncoder.getOutputShapes(new Shape[] {inputShape})[0];
    predictor.ifPresent(p -> p.initialize(manager, DataType.FLOAT32, projected));
  }

  /**
   * q = predictor(projector(backbone(x))) of every view, in training mode, recording gradients,
   * with the backbone run once over all views together when it is batch-independent, and the heads
   * once over all views when they are {@link ViewBatchedHead}s (their BatchNorm still sees one
   * view's batch at a time).
   */
  public List<NDArray> queries(List<NDArray> views) {
    List<NDArray> projected = head(projector(queryEncoder), backbonePass.features(queryBackbone, views));
    return predictor.isPresent() ? head(predictor.get(), projected) : projected;
  }

  /**
   * k = projector(backbone(x)) of the key encoder for every view, in training mode (its BatchNorm
   * normalises by the view's batch, as MoCo v3's key encoder does), without gradient; batched like
   * {@link #queries}.
   */
  public List<NDArray> keys(List<NDArray> views) {
    return head(projector(keyEncoder), backbonePass.features(keyBackbone, views));
  }

  /**
   * Runs both backbones through {@code pass} from now on: over replicas on several devices, or in
   * another number format. The heads stay here, on this model's device.
   */
  public void runBackbonesWith(BackbonePass pass) {
    this.backbonePass = pass;
  }

  private static Block projector(SequentialBlock encoder) {
    return encoder.getChildren().get(1).getValue();
  }

  /**
   * {@code head} applied to every view in training mode: in one call where the head takes views
   * together and they share a shape, else once per view.
   */
  private List<NDArray> head(Block head, List<NDArray> views) {
    boolean sameShape = views.stream().map(NDArray::getShape).distinct().count() == 1;
    if (head instanceof ViewBatchedHead && sameShape) {
      return ((ViewBatchedHead) head).forwardViews(store, views, true);
    }
    List<NDArray> out = new ArrayList<>(views.size());
    for (NDArray view : views) {
      out.add(head.forward(store, new NDList(view), true).singletonOrThrow());
    }
    return out;
  }

  /** Backbone features of the query encoder in inference mode, for monitors and the probe. */
  public NDArray features(NDArray images) {
    return queryBackbone.block().forward(store, new NDList(images), false).singletonOrThrow();
  }

  public Backbone queryBackbone() {
    return queryBackbone;
  }

  /** Every parameter the optimizer steps: query encoder and predictor, frozen ones included. */
  public List<Parameter> trainableParameters() {
    List<Parameter> all = new ArrayList<>(keyAlignedQueryParameters());
    predictor.ifPresent(p -> all.addAll(p.getParameters().values()));
    return all;
  }

  /** Query encoder parameters (backbone + projector) in the key encoder's order. */
  public List<Parameter> keyAlignedQueryParameters() {
    return new ArrayList<>(queryEncoder.getParameters().values());
  }

  public List<Parameter> keyParameters() {
    return new ArrayList<>(keyEncoder.getParameters().values());
  }

  public Block queryEncoder() {
    return queryEncoder;
  }

  public Optional<Block> predictor() {
    return predictor;
  }

  public Block keyEncoder() {
    return keyEncoder;
  }

  public Backbone keyBackbone() {
    return keyBackbone;
  }
}
