package vitssl.backbone;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import java.util.List;
import vitssl.engine.CompositeBlock;
import vitssl.engine.Layers;

/**
 * A square convolution without bias (padding half the kernel) followed by BatchNorm: the unit every
 * part of a ResNet is made of.
 *
 * <p>Initialised as torchvision's ResNet: the kernel Kaiming-normal for ReLU over the fan-out,
 * {@code std = sqrt(2 / (filters * k * k))}; BatchNorm gamma 1 (or 0 on request, for the last unit
 * of a residual branch) and beta 0. BatchNorm keeps PyTorch's epsilon 1e-5 and momentum 0.1 (DJL's
 * defaults on this engine): with {@code training = true} it normalises by the batch's statistics
 * and updates its running ones, otherwise it normalises by the running ones.
 */
final class ConvNorm extends CompositeBlock {
  private final Conv2d conv;
  private final BatchNorm norm;

  /**
   * @param zeroGamma start the BatchNorm's gamma at 0, so that the unit outputs zeros (its beta)
   *     until training moves it
   */
  ConvNorm(int filters, int kernel, int stride, boolean zeroGamma) {
    this.conv =
        addChildBlock(
            "conv",
            Layers.conv2d(
                Conv2d.builder()
                    .setKernelShape(new Shape(kernel, kernel))
                    .optStride(new Shape(stride, stride))
                    .optPadding(new Shape(kernel / 2, kernel / 2))
                    .setFilters(filters)
                    .optBias(false)));
    this.norm = addChildBlock("bn", BatchNorm.builder().build());
    double std = Math.sqrt(2.0 / ((double) filters * kernel * kernel));
    weight().setInitializer(Initializers.normal(std));
    gamma().setInitializer(zeroGamma ? Initializer.ZEROS : Initializer.ONES);
    norm.getParameters().get("beta").setInitializer(Initializer.ZEROS);
  }

  Parameter weight() {
    return conv.getParameters().get("weight");
  }

  Parameter gamma() {
    return norm.getParameters().get("gamma");
  }

  Conv2d conv() {
    return conv;
  }

  BatchNorm norm() {
    return norm;
  }

  /** The parameters a gradient reaches: the kernel, gamma and beta, not the running statistics. */
  List<Parameter> trainableParameters() {
    return List.of(weight(), gamma(), norm.getParameters().get("beta"));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    return norm.forward(parameterStore, conv.forward(parameterStore, inputs, training), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, inputShapes);
    norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
  }
}
