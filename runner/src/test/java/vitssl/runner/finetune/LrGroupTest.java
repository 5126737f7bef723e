package vitssl.runner.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import vitssl.dsl.backbone.Vit;
import vitssl.backbone.VitBackbone;

class LrGroupTest {
  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  private final Vit spec = Vit.of(8, 3, 2).withPatchSize(2).withImageSize(4);
  private final VitBackbone backbone = new VitBackbone(spec);
  private final Linear head = Linear.builder().setUnits(3).build();

  LrGroupTest() {
    backbone.block().initialize(manager, DataType.FLOAT32, new Shape(1, 3, 4, 4));
    head.initialize(manager, DataType.FLOAT32, new Shape(1, 8));
  }

  private List<Parameter> all() {
    List<Parameter> all = new ArrayList<>(backbone.block().getParameters().values());
    all.addAll(head.getParameters().values());
    return all;
  }

  @Test
  void layerDecayScalesAsBeit() {
    List<Parameter> headParameters = List.copyOf(head.getParameters().values());
    List<LrGroup> groups =
        LrGroup.of(backbone.layers(), all(), headParameters, Optional.of(0.5));
    Map<String, Double> scale = new HashMap<>();
    groups.forEach(g -> g.parameters().forEach(p -> scale.put(p.getId(), g.scale())));
    assertThat(scale).hasSize(all().size());

    // Depth 3: the patch projection and the tokens at 0.5^4, block i at 0.5^(3 - i), the final
    // norm and the head at 1, as BEiT's param_groups_lrd.
    backbone.layers().get(VitBackbone.PATCH_EMBED)
        .forEach(p -> assertThat(scale.get(p.getId())).isCloseTo(0.0625, within(1e-12)));
    for (int i = 0; i < 3; i++) {
      double expected = Math.pow(0.5, 3 - i);
      backbone.layers().get(VitBackbone.blockLayer(i))
          .forEach(p -> assertThat(scale.get(p.getId())).isCloseTo(expected, within(1e-12)));
    }
    backbone.layers().get(VitBackbone.FINAL_NORM)
        .forEach(p -> assertThat(scale.get(p.getId())).isEqualTo(1.0));
    headParameters.forEach(p -> assertThat(scale.get(p.getId())).isEqualTo(1.0));
    Parameter classToken = backbone.block().getParameters().get("class_token");
    assertThat(scale.get(classToken.getId())).isCloseTo(0.0625, within(1e-12));
  }

  @Test
  void withoutDecayEveryParameterStepsAtTheFullRate() {
    List<LrGroup> groups =
        LrGroup.of(backbone.layers(), all(), List.copyOf(head.getParameters().values()), Optional.empty());
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).scale()).isEqualTo(1.0);
    assertThat(groups.get(0).parameters()).hasSize(all().size());
  }
}
