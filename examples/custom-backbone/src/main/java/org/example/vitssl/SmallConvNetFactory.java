package org.example.vitssl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import vitssl.backbone.Backbone;
import vitssl.inject.BackboneFactory;

/** Builds a {@link SmallConvNet} from standard DJL blocks. */
public final class SmallConvNetFactory implements BackboneFactory<SmallConvNet> {
  @Override
  public Backbone build(SmallConvNet spec) {
    SequentialBlock net = new SequentialBlock();
    List<Block> stages = new ArrayList<>();
    for (int s = 0; s < spec.stages(); s++) {
      SequentialBlock stage =
          new SequentialBlock()
              .add(
                  Conv2d.builder()
                      .setKernelShape(new Shape(3, 3))
                      .optPadding(new Shape(1, 1))
                      .setFilters(spec.width() << s)
                      .optBias(false)
                      .build())
              .add(BatchNorm.builder().build())
              .add(Activation::relu)
              .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
      stages.add(stage);
      net.add(stage);
    }
    net.add(Pool.globalAvgPool2dBlock());
    return new Backbone() {
      @Override
      public Block block() {
        return net;
      }

      @Override
      public int featureWidth() {
        return spec.featureWidth();
      }

      @Override
      public LinkedHashMap<String, List<Parameter>> layers() {
        LinkedHashMap<String, List<Parameter>> layers = new LinkedHashMap<>();
        for (int s = 0; s < stages.size(); s++) {
          layers.put("stage_" + s, new ArrayList<>(stages.get(s).getParameters().values()));
        }
        return layers;
      }
    };
  }
}
