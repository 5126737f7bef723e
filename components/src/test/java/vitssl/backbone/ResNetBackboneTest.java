package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vitssl.dsl.backbone.ResNet;
import vitssl.inject.Bindings;
import vitssl.inject.Components;

class ResNetBackboneTest {

  /** Parameters PyTorch's {@code parameters()} would list: BatchNorm running statistics are not. */
  private static long trainableCount(ResNetBackbone backbone) {
    return backbone.block().getParameters().values().stream()
        .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN)
        .filter(p -> p.getType() != Parameter.Type.RUNNING_VAR)
        .mapToLong(p -> p.getArray().size())
        .sum();
  }

  private static Shape imageShape(ResNet spec) {
    return ResidualNetworkTest.imageShape(spec, 1);
  }

  private static long allocatedCount(ResNet spec) {
    try (NDManager manager = NDManager.newBaseManager()) {
      ResNetBackbone backbone = new ResNetBackbone(spec);
      backbone.block().initialize(manager, DataType.FLOAT32, imageShape(spec));
      return trainableCount(backbone);
    }
  }

  @Test
  void resNet50HasTorchvisionsParameterCountWithoutTheClassifier() {
    // torchvision's resnet50 has 25,557,032 parameters, of which its fc holds 2048 * 1000 + 1000
    assertThat(allocatedCount(ResNet.r50())).isEqualTo(23_508_032L);
  }

  @Test
  void cifarResNet18HasTheImageNetOnesCountWithASmallerStem() {
    // torchvision's resnet18, 11,689,512, less its fc (513,000), less 3*64*(7*7 - 3*3) in the stem
    assertThat(allocatedCount(ResNet.cifar18())).isEqualTo(11_168_832L);
  }

  @ParameterizedTest
  @CsvSource({
    // torchvision totals less the 1000-way classifier
    "r18, 11176512",
    "r34, 21284672",
    "r50, 23508032",
    "r101, 42500160",
    "cifar18, 11168832"
  })
  void costCountsTheParametersOfTorchvisionsModels(String preset, long expected) throws Exception {
    ResNet spec = (ResNet) ResNet.class.getMethod(preset).invoke(null);

    assertThat(ResNetCost.parameterCount(spec)).isEqualTo(expected);
  }

  @Test
  void costCountsWhatTheBlockAllocatesForOtherShapes() {
    ResNet odd = ResidualNetworkTest.tinyBottleneck().withChannels(1).withBaseWidth(3);

    assertThat(ResNetCost.parameterCount(odd)).isEqualTo(allocatedCount(odd));
  }

  @Test
  void forwardFlopsMatchTorchvisionsPublishedCounts() {
    // torchvision lists 4.09 and 1.81 G multiply-adds per 224x224 image (fc included, 0.1 %)
    assertThat(ResNetCost.forwardFlops(ResNet.r50()) / 2).isCloseTo(4.09e9, within(0.02e9));
    assertThat(ResNetCost.forwardFlops(ResNet.r18()) / 2).isCloseTo(1.81e9, within(0.01e9));
  }

  @Test
  void layersRunFromTheStemThroughEveryBlock() {
    ResNet spec = ResNet.cifar18();
    try (NDManager manager = NDManager.newBaseManager()) {
      ResNetBackbone backbone = new ResNetBackbone(spec);
      backbone.block().initialize(manager, DataType.FLOAT32, imageShape(spec));

      var layers = backbone.layers();

      assertThat(layers.keySet())
          .containsExactly(
              "stem",
              "stage_1_block_0",
              "stage_1_block_1",
              "stage_2_block_0",
              "stage_2_block_1",
              "stage_3_block_0",
              "stage_3_block_1",
              "stage_4_block_0",
              "stage_4_block_1");
      assertThat(layers.get("stem"))
          .hasSize(3)
          .contains(backbone.network().stem().convNorm().weight());
      // two conv + BN units, plus the downsampling shortcut's in a stage's first block
      assertThat(layers.get("stage_1_block_1")).hasSize(6);
      assertThat(layers.get("stage_2_block_0")).hasSize(9);
      List<Parameter> covered = new ArrayList<>();
      layers.values().forEach(covered::addAll);
      assertThat(covered).allMatch(Parameter::requiresGradient).doesNotHaveDuplicates();
      List<Parameter> statistics =
          backbone.block().getParameters().values().stream()
              .filter(p -> !p.requiresGradient())
              .toList();
      assertThat(statistics)
          .allMatch(
              p ->
                  p.getType() == Parameter.Type.RUNNING_MEAN
                      || p.getType() == Parameter.Type.RUNNING_VAR);
      covered.addAll(statistics);
      assertThat(covered)
          .containsExactlyInAnyOrderElementsOf(backbone.block().getParameters().values());
      assertThat(backbone.featureWidth()).isEqualTo(512);
    }
  }

  /** The binding CoreModule needs, alone with empty registries of the other kinds. */
  static final class ResNetOnlyModule extends AbstractModule {
    @Override
    protected void configure() {
      Bindings.backbone(binder(), ResNet.class, ResNetBackbone::new);
      Bindings.heads(binder());
      Bindings.data(binder());
      Bindings.losses(binder());
      Bindings.optimizers(binder());
      Bindings.schedules(binder());
    }
  }

  @Test
  void oneBindingMakesTheSpecBuildable() {
    Components components =
        Guice.createInjector(new ResNetOnlyModule()).getInstance(Components.class);

    assertThat(components.backbone(ResNet.r50())).isInstanceOf(ResNetBackbone.class);
    assertThat(components.backbone(ResNet.cifar18()).featureWidth()).isEqualTo(512);
    assertThat(components.specTypes()).contains(ResNet.class);
  }
}
