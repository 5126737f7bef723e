package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.Vit;

class VitBackboneTest {

  @Test
  void layersRunFromThePatchProjectionThroughEachBlockToTheFinalNorm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Vit spec = Models.tiny();
      VitBackbone backbone = new VitBackbone(spec);
      backbone.block().initialize(manager, DataType.FLOAT32, Models.imageShape(spec, 1));
      VisionTransformer vit = backbone.vit();

      var layers = backbone.layers();

      assertThat(layers.keySet())
          .containsExactly("patch_embed", "block_0", "block_1", "final_norm");
      assertThat(layers.get("patch_embed"))
          .containsExactly(vit.patchEmbedding().weight(), vit.patchEmbedding().bias());
      assertThat(layers.get("block_1"))
          .hasSize(12)
          .containsAll(vit.blocks().get(1).getParameters().values());
      assertThat(layers.get("final_norm"))
          .containsExactlyInAnyOrderElementsOf(
              vit.finalNorm().orElseThrow().getParameters().values());
      List<Parameter> covered = new ArrayList<>();
      layers.values().forEach(covered::addAll);
      covered.add(vit.classToken().orElseThrow());
      covered.add(vit.positionEmbedding().orElseThrow());
      assertThat(covered).containsExactlyInAnyOrderElementsOf(vit.getParameters().values());
      assertThat(backbone.featureWidth()).isEqualTo(8);
      assertThat(backbone.block()).isSameAs(vit);
    }
  }

  @Test
  void withoutAFinalNormTheLastBlockIsTheLastLayer() {
    VitBackbone backbone = new VitBackbone(Models.tiny().withPooling(Pooling.GLOBAL_AVERAGE));

    assertThat(backbone.layers().keySet()).containsExactly("patch_embed", "block_0", "block_1");
  }
}
