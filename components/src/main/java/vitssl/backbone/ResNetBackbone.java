package vitssl.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vitssl.dsl.backbone.ResNet;

/**
 * A {@link ResidualNetwork} as a {@link Backbone}. Its layers, one per residual block so that the
 * gradient-norm monitor sees as much detail as for a ViT's blocks: {@code stem} (the stem
 * convolution and its BatchNorm), then {@code stage_1_block_0} .. {@code stage_<S>_block_<n-1>}
 * (stages counted from 1 like torchvision's {@code layer1}, blocks from 0), each with its branch
 * and, where there is one, its downsampling shortcut. The first layer is the stem, the last the
 * last block.
 *
 * <p>Layers hold the parameters a gradient reaches (kernels, BatchNorm gamma and beta); BatchNorm
 * running statistics belong to no layer, as they never get a gradient; {@code
 * block().getParameters()} has them all.
 */
public final class ResNetBackbone implements Backbone {
  public static final String STEM = "stem";

  private final ResidualNetwork network;

  public ResNetBackbone(ResNet spec) {
    this.network = new ResidualNetwork(spec);
  }

  public ResidualNetwork network() {
    return network;
  }

  @Override
  public Block block() {
    return network;
  }

  @Override
  public int featureWidth() {
    return network.spec().featureWidth();
  }

  @Override
  public LinkedHashMap<String, List<Parameter>> layers() {
    LinkedHashMap<String, List<Parameter>> layers = new LinkedHashMap<>();
    layers.put(STEM, network.stem().convNorm().trainableParameters());
    for (Map.Entry<String, ResidualBlock> block : network.blocks().entrySet()) {
      layers.put(block.getKey(), block.getValue().trainableParameters());
    }
    return layers;
  }
}
