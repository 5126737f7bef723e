package vitssl.runner.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.ArrayList;
import java.util.List;
import vitssl.backbone.Backbone;
import vitssl.engine.Layers;

/**
 * A backbone and a linear classifier on its features. The classifier starts as timm's ViT head:
 * weight normal with std 0.02 (timm truncates at +-2, i.e. 100 std: the same distribution), bias
 * zero.
 */
final class Classifier {
  private final Backbone backbone;
  private final Linear head;
  private final SequentialBlock block;
  private final NDManager manager;
  private final Shape input;
  private final ParameterStore store;

  /** @param input the shape of a training batch, {@code [B, C, H, W]} */
  Classifier(Backbone backbone, int classes, NDManager manager, Shape input) {
    this.backbone = backbone;
    this.head = Layers.linear(Linear.builder().setUnits(classes));
    head.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    this.block = new SequentialBlock().add(backbone.block()).add(head);
    this.manager = manager;
    this.input = input;
    initialize();
    this.store = new ParameterStore(manager, false);
  }

  /** Initialises what is not yet; after loading a checkpoint, re-attaches the gradients. */
  void initialize() {
    block.initialize(manager, DataType.FLOAT32, input);
  }

  /** Logits {@code [B, classes]}; in training mode they record gradients (drop path active). */
  NDArray logits(NDArray images, boolean training) {
    return block.forward(store, new NDList(images), training).singletonOrThrow();
  }

  Block block() {
    return block;
  }

  Backbone backbone() {
    return backbone;
  }

  List<Parameter> parameters() {
    return new ArrayList<>(block.getParameters().values());
  }

  List<Parameter> headParameters() {
    return new ArrayList<>(head.getParameters().values());
  }
}
