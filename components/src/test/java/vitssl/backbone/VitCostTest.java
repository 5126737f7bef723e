package vitssl.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.PositionEmbedding;
import vitssl.dsl.backbone.Vit;

class VitCostTest {

  static Stream<Vit> variants() {
    List<Vit> all = new ArrayList<>();
    for (Pooling pooling : Pooling.values()) {
      for (PositionEmbedding position : PositionEmbedding.values()) {
        all.add(Models.tiny().withPooling(pooling).withPositionEmbedding(position));
      }
    }
    all.add(Models.tiny().withQkvBias(false).withChannels(1));
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("variants")
  void countsEveryParameterTheBlockHolds(Vit spec) {
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(VitCost.parameterCount(spec)).isEqualTo(countAllocated(spec, manager));
    }
  }

  private static long countAllocated(Vit spec, NDManager manager) {
    VisionTransformer vit = new VisionTransformer(spec);
    vit.initialize(manager, DataType.FLOAT32, Models.imageShape(spec, 1));
    long total = 0;
    for (Parameter parameter : vit.getParameters().values()) {
      total += parameter.getArray().size();
    }
    return total;
  }

  @Test
  void vitSmallIsTheStudysSize() {
    // By hand: patch 3*16*16*384 + 384, class token 384, positions 197*384, final norm 2*384,
    // and per block 4*384 (norms) + 3*384*384 + 3*384 (qkv) + 384*384 + 384 + 2*384*1536 + 1536 +
    // 384.
    long perBlock =
        4 * 384 + 3 * 384 * 384 + 3 * 384 + 384 * 384 + 384 + 2 * 384 * 1536 + 1536 + 384;
    long byHand = 3 * 16 * 16 * 384 + 384 + 384 + 197 * 384 + 2 * 384 + 12 * perBlock;
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(countAllocated(Vit.small(), manager)).isEqualTo(byHand).isEqualTo(21_665_664L);
    }
    // The study's "22 M" counts DeiT-S with its 1000-way classifier; without it ViT-S is 21.67 M.
    long withClassifier = byHand + 384 * 1000 + 1000;
    assertThat((double) withClassifier).isCloseTo(22e6, within(0.01 * 22e6));
  }

  @Test
  void largerPresetsMatchTheStudysTableWithinOnePercent() {
    assertThat((double) VitCost.parameterCount(Vit.base())).isCloseTo(86e6, within(0.01 * 86e6));
    assertThat((double) VitCost.parameterCount(Vit.large())).isCloseTo(304e6, within(0.01 * 304e6));
    assertThat((double) VitCost.parameterCount(Vit.huge())).isCloseTo(632e6, within(0.01 * 632e6));
  }

  @Test
  void countsForwardFlopsByHand() {
    // 4x4x3 images, 2x2 patches: 4 patches + class token = 5 tokens, width 8, 2 heads, MLP 16.
    long patchProjection = 4 * 8 * (3 * 2 * 2);
    long qkv = 5 * 8 * 24;
    long scores = 2 * (5 * 5 * 4);
    long weightedValues = 2 * (5 * 5 * 4);
    long projection = 5 * 8 * 8;
    long mlp = 5 * 8 * 16 + 5 * 16 * 8;
    long everyToken = patchProjection + 2 * (qkv + scores + weightedValues + projection + mlp);
    // The last block, class token's row alone: keys and values of every token, one query (its
    // projection, its scores, its weighted sum), one row on.
    long lastBlock = 5 * 8 * 16 + 8 * 8 + 2 * (5 * 4) + 2 * (5 * 4) + 8 * 8 + (8 * 16 + 16 * 8);
    long asComputed = patchProjection + (qkv + scores + weightedValues + projection + mlp) + lastBlock;

    assertThat(VitCost.everyTokenForwardFlops(Models.tiny())).isEqualTo(2.0 * everyToken);
    assertThat(VitCost.forwardFlops(Models.tiny())).isEqualTo(2.0 * asComputed);
    // Averaged pooling reads every token of the last block (4 tokens: no class token).
    Vit averaged = Models.tiny().withPooling(Pooling.GLOBAL_AVERAGE);
    long averagedBlock =
        4 * 8 * 24 + 2 * (4 * 4 * 4) + 2 * (4 * 4 * 4) + 4 * 8 * 8 + (4 * 8 * 16 + 4 * 16 * 8);
    assertThat(VitCost.forwardFlops(averaged)).isEqualTo(2.0 * (patchProjection + 2 * averagedBlock));
  }

  @Test
  void vitBaseCostsWhatTheLiteratureReports() {
    // ViT-B/16 at 224: 17.6 G multiply-adds (reported as "17.6 GFLOPs" by DeiT and others).
    assertThat(VitCost.everyTokenForwardFlops(Vit.base()) / 2)
        .isCloseTo(17.6e9, within(0.01 * 17.6e9));
  }
}
