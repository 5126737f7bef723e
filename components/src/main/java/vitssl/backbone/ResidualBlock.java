package vitssl.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import vitssl.dsl.backbone.ResNetBlock;
import vitssl.engine.CompositeBlock;

/**
 * One residual block, {@code relu(branch(x) + shortcut(x))}: the branch is a chain of {@link
 * ConvNorm} units with ReLU between them, the shortcut the identity, or a 1x1 {@link ConvNorm} of
 * the block's stride when the block changes the shape.
 *
 * <p>{@link ResNetBlock#BASIC}: 3x3 (stride) then 3x3, both at the output width. {@link
 * ResNetBlock#BOTTLENECK}: 1x1 to the width, 3x3 (stride), 1x1 to four times the width; the stride
 * on the 3x3 as torchvision does (ResNet v1.5). With {@code zeroInitLastGamma} the branch's last
 * BatchNorm starts at gamma 0, so the block starts as {@code relu(shortcut(x))} (Goyal et al.
 * 2017).
 */
final class ResidualBlock extends CompositeBlock {
  private final List<ConvNorm> branch;
  private final ConvNorm shortcut;

  /**
   * @param in channels entering the block
   * @param width the stage's width; the block outputs {@code width * kind.expansion()} channels
   */
  ResidualBlock(ResNetBlock kind, int in, int width, int stride, boolean zeroInitLastGamma) {
    int out = width * kind.expansion();
    List<ConvNorm> units = new ArrayList<>(3);
    if (kind == ResNetBlock.BASIC) {
      units.add(new ConvNorm(width, 3, stride, false));
      units.add(new ConvNorm(out, 3, 1, zeroInitLastGamma));
    } else {
      units.add(new ConvNorm(width, 1, 1, false));
      units.add(new ConvNorm(width, 3, stride, false));
      units.add(new ConvNorm(out, 1, 1, zeroInitLastGamma));
    }
    for (int i = 0; i < units.size(); i++) {
      addChildBlock("conv_bn_" + i, units.get(i));
    }
    this.branch = Collections.unmodifiableList(units);
    boolean reshapes = stride != 1 || in != out;
    this.shortcut =
        reshapes ? addChildBlock("downsample", new ConvNorm(out, 1, stride, false)) : null;
  }

  List<ConvNorm> branch() {
    return branch;
  }

  Optional<ConvNorm> shortcut() {
    return Optional.ofNullable(shortcut);
  }

  /** Every parameter a gradient reaches, branch first, then the shortcut's. */
  List<Parameter> trainableParameters() {
    List<Parameter> all = new ArrayList<>();
    branch.forEach(unit -> all.addAll(unit.trainableParameters()));
    shortcut().ifPresent(unit -> all.addAll(unit.trainableParameters()));
    return all;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    NDList x = inputs;
    for (int i = 0; i < branch.size(); i++) {
      x = branch.get(i).forward(parameterStore, x, training);
      if (i < branch.size() - 1) {
        x = new NDList(Activation.relu(x.singletonOrThrow()));
      }
    }
    NDArray identity =
        shortcut == null
            ? inputs.singletonOrThrow()
            : shortcut.forward(parameterStore, inputs, training).singletonOrThrow();
    return new NDList(Activation.relu(x.singletonOrThrow().add(identity)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] shapes = inputShapes;
    for (ConvNorm unit : branch) {
      shapes = unit.getOutputShapes(shapes);
    }
    return shapes;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] shapes = inputShapes;
    for (ConvNorm unit : branch) {
      unit.initialize(manager, dataType, shapes);
      shapes = unit.getOutputShapes(shapes);
    }
    if (shortcut != null) {
      shortcut.initialize(manager, dataType, inputShapes);
    }
  }
}
