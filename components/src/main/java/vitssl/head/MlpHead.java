package vitssl.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import vitssl.backbone.Initializers;
import vitssl.dsl.head.Mlp;
import vitssl.engine.CompositeBlock;

/**
 * MoCo v3's projection or prediction MLP (Chen, Xie, He 2021), features {@code [B, in]} to {@code
 * [B, out]}: each layer a Linear, then for hidden layers BatchNorm (if the spec has it) and ReLU;
 * after the last Linear a BatchNorm without affine parameters (if the spec has it).
 *
 * <p>Biases: MoCo v3's Linears have none, since a BatchNorm follows; when the spec turns the hidden
 * BatchNorms off (the study's BN-free ablation) the hidden Linears get a bias, as nothing else
 * shifts them. The last Linear never has one (MoCo v3 keeps it bias-free even without the last BN).
 * Linears start at PyTorch's default, uniform in {@code +-1/sqrt(in)}, weight and bias alike, as
 * MoCo v3 does not re-initialise its heads. BatchNorm momentum and epsilon are PyTorch's (0.1 and
 * 1e-5); BatchNorm uses batch statistics when {@code forward} is called with {@code training =
 * true}, and its running statistics otherwise. DJL's BatchNorm without affine keeps a gamma of one
 * and a beta of zero that never train.
 *
 * <p>{@link #forwardViews} takes several views at once: each Linear runs over all of their rows
 * in one matrix product, while each BatchNorm still normalises every view by that view's own
 * batch statistics and updates its running statistics once per view, in order, as separate calls
 * would (MoCo v3 calls its heads once per view).
 */
public final class MlpHead extends CompositeBlock implements ViewBatchedHead {
  private final Mlp spec;
  private final int inputWidth;
  private final List<Layer> layers;

  /** One Linear, and what follows it. */
  private static final class Layer {
    final Linear linear;
    final BatchNorm norm;
    final boolean relu;

    Layer(Linear linear, BatchNorm norm, boolean relu) {
      this.linear = linear;
      this.norm = norm;
      this.relu = relu;
    }
  }

  public MlpHead(Mlp spec, int inputWidth) {
    if (inputWidth <= 0) {
      throw new IllegalArgumentException(
          "MlpHead: inputWidth "
              + inputWidth
              + " is not positive; pass the backbone's featureWidth");
    }
    this.spec = spec;
    this.inputWidth = inputWidth;
    List<Layer> built = new ArrayList<>(spec.layers());
    int in = inputWidth;
    for (int i = 0; i < spec.layers(); i++) {
      boolean hidden = i < spec.layers() - 1;
      int out = hidden ? spec.hidden() : spec.out();
      boolean bias = hidden && !spec.batchNorm();
      Linear linear = addChildBlock("linear_" + i, torchDefaultLinear(in, out, bias));
      BatchNorm norm = null;
      if (hidden ? spec.batchNorm() : spec.lastBatchNorm()) {
        norm =
            addChildBlock(
                "bn_" + i, BatchNorm.builder().optCenter(hidden).optScale(hidden).build());
      }
      built.add(new Layer(linear, norm, hidden));
      in = out;
    }
    this.layers = Collections.unmodifiableList(built);
  }

  private static Linear torchDefaultLinear(int in, int out, boolean bias) {
    double bound = 1 / Math.sqrt(in);
    Linear linear = Initializers.linear(out, bias, bound);
    if (bias) {
      linear.setInitializer(Initializers.uniform(bound), "bias");
    }
    return linear;
  }

  public Mlp spec() {
    return spec;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    checkInput(inputs.singletonOrThrow().getShape());
    NDList x = inputs;
    for (Layer layer : layers) {
      x = layer.linear.forward(parameterStore, x, training);
      if (layer.norm != null) {
        x = layer.norm.forward(parameterStore, x, training);
      }
      if (layer.relu) {
        x = new NDList(Activation.relu(x.singletonOrThrow()));
      }
    }
    return x;
  }

  @Override
  public List<NDArray> forwardViews(
      ParameterStore parameterStore, List<NDArray> views, boolean training) {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("MlpHead.forwardViews: no views; pass at least one");
    }
    if (!isInitialized()) {
      throw new IllegalStateException(
          "MlpHead.forwardViews: the head is not initialised; call initialize (or forward once)"
              + " first");
    }
    Shape first = views.get(0).getShape();
    for (int v = 0; v < views.size(); v++) {
      Shape shape = views.get(v).getShape();
      checkInput(shape);
      if (!shape.equals(first)) {
        throw new IllegalArgumentException(
            "MlpHead.forwardViews: view "
                + v
                + " is "
                + shape
                + " but view 0 is "
                + first
                + "; every view must have the same batch size (call forward per view otherwise)");
      }
    }
    int count = views.size();
    NDArray x =
        count == 1 ? views.get(0) : NDArrays.concat(new NDList(views.toArray(new NDArray[0])), 0);
    for (Layer layer : layers) {
      x = layer.linear.forward(parameterStore, new NDList(x), training).singletonOrThrow();
      if (layer.norm != null) {
        x = perView(layer.norm, parameterStore, x, count, training);
      }
      if (layer.relu) {
        x = Activation.relu(x);
      }
    }
    return count == 1 ? List.of(x) : List.copyOf(x.split(count, 0));
  }

  /** {@code norm} applied to each view's rows of {@code x} in turn, as separate calls would. */
  private static NDArray perView(
      BatchNorm norm, ParameterStore parameterStore, NDArray x, int count, boolean training) {
    if (count == 1) {
      return norm.forward(parameterStore, new NDList(x), training).singletonOrThrow();
    }
    NDList normalised = new NDList(count);
    for (NDArray view : x.split(count, 0)) {
      normalised.add(norm.forward(parameterStore, new NDList(view), training).singletonOrThrow());
    }
    return NDArrays.concat(normalised, 0);
  }

  private void checkInput(Shape shape) {
    if (shape.dimension() != 2 || shape.get(1) != inputWidth) {
      throw new IllegalArgumentException(
          "MlpHead input: expected features [B, "
              + inputWidth
              + "] but got "
              + shape
              + "; build the head with the width of what feeds it");
    }
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    checkInput(inputShapes[0]);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), spec.out())};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape shape = inputShapes[0];
    for (Layer layer : layers) {
      layer.linear.initialize(manager, dataType, shape);
      shape = layer.linear.getOutputShapes(new Shape[] {shape})[0];
      if (layer.norm != null) {
        layer.norm.initialize(manager, dataType, shape);
      }
    }
  }
}
