package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.optim.AdamW;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Summary;
import vitssl.runner.run.Wiring;
import vitssl.runner.train.SiameseModel;

/**
 * The study's ablation axes that no component test covers: each spec field changes the built model
 * or the training the way it says. The others are tested beside their component: position
 * embedding and pooling ({@code VisionTransformerTest}, {@code VitBackboneTest}), frozen patch
 * projection and m = 0 ({@code TrainingStepTest}), the momentum schedule ({@code
 * MomentumScheduleTest}, {@code MomentumUpdateTest}), the optimizers ({@code LarsAndLambSpecTest}
 * and each update's reference test).
 */
class AxesTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void images() {
    data = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
  }

  @Test
  void baseLrAndBatchSizeSetThePeakLrTheStepTrainsWithAndEpochsSetTheSteps() throws IOException {
    Experiment e = quick("lr").withBatchSize(16).withOptimizer(AdamW.baseLr(2e-3)).withEpochs(1);
    assertThat(e.peakLr()).isEqualTo(2e-3 * 16 / 256);
    assertThat(RunOptions.parse("--batch", "32").apply(e).peakLr()).isEqualTo(2e-3 * 32 / 256);

    Summary summary = Runner.run(e, RunOptions.none()).summary();

    int trainImages = 3 * 18; // 24 per class, a quarter held out
    assertThat(summary.steps()).isEqualTo(trainImages / 16);
    List<JsonNode> lines = metrics("lr");
    assertThat(lines).hasSize(trainImages / 16);
    for (JsonNode line : lines.subList(1, lines.size())) { // after the one warmup step
      assertThat(line.get("lr").asDouble()).isCloseTo(2e-3 * 16 / 256, within(1e-12));
    }
  }

  /**
   * The step reports the first layer's norm before clipping ({@code grad_norm_before_clip}) and
   * the factor the clip scaled it by ({@code grad_clip_scale}, clip_grad_norm_'s max / (norm +
   * 1e-6), at most 1).
   */
  @Test
  void aClippedPatchProjectionIsClippedEveryStepOnTheFirstLayerAndALearnedOneNever()
      throws IOException {
    Vit vit = (Vit) quick("any").backbone();
    Runner.run(
        quick("clipped").withBackbone(vit.withPatchProjection(PatchProjection.clipped(1e-6))),
        RunOptions.none());
    Runner.run(
        quick("learned").withBackbone(vit.withPatchProjection(PatchProjection.learned())),
        RunOptions.none());

    assertThat(metrics("clipped"))
        .hasSize(3)
        .allSatisfy(
            line ->
                {
                  double before = line.get("grad_norm_before_clip").asDouble();
                  assertThat(before)
                      .isPositive()
                      .isEqualTo(line.get("grad_norm.patch_embed").asDouble());
                  assertThat(line.get("grad_clip_scale").asDouble())
                      .isCloseTo(1e-6 / (before + 1e-6), within(1e-12));
                });
    assertThat(metrics("learned")).hasSize(3).noneMatch(line -> line.has("grad_clip_scale"));
  }

  @Test
  void withoutAPredictorTheQueryEncoderTrainsNoPredictorParameters() {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    Experiment e = quick("model");
    try (NDManager manager = NDManager.newBaseManager()) {
      SiameseModel with = model(components, e, manager);
      SiameseModel without = model(components, e.withPredictor(Optional.empty()), manager);

      assertThat(without.predictor()).isEmpty();
      assertThat(without.trainableParameters()).hasSameSizeAs(without.keyAlignedQueryParameters());
      int predictorParameters = with.predictor().orElseThrow().getParameters().size();
      assertThat(predictorParameters).isPositive();
      assertThat(with.trainableParameters())
          .hasSize(with.keyAlignedQueryParameters().size() + predictorParameters);
    }
  }

  @Test
  void batchNormOffLeavesNoBatchNormInAHead() {
    Components components = Wiring.of().components();
    Mlp on = Mlp.layers(3).withHidden(16).withOut(8);

    assertThat(batchNorms(components.head(on, 32))).isEqualTo(3);
    assertThat(batchNorms(components.head(on.withLastBatchNorm(false), 32))).isEqualTo(2);
    assertThat(batchNorms(components.head(on.withBatchNorm(false), 32))).isEqualTo(1);
    assertThat(batchNorms(components.head(on.withBatchNorm(false).withLastBatchNorm(false), 32)))
        .isZero();
  }

  /** The tiny run at 3 steps, logging each, without the kNN monitor and the probe. */
  private static Experiment quick(String name) {
    return TinyRuns.experiment(data, dir.resolve(name))
        .withSteps(3)
        .withLogEvery(1)
        .withMonitors(GradientNorms.everyStep())
        .withEvaluation(Evaluation.knn());
  }

  private static List<JsonNode> metrics(String run) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(run).resolve("metrics.jsonl"))) {
      lines.add(json.readTree(line));
    }
    return lines;
  }

  /** The two encoders as the runner builds them. */
  private static SiameseModel model(Components components, Experiment e, NDManager manager) {
    return SiameseModel.of(e, components.loss(e.loss()), components, manager);
  }

  /** BatchNorm blocks anywhere in the block's tree. */
  private static int batchNorms(Block block) {
    int count = block instanceof BatchNorm ? 1 : 0;
    for (Block child : block.getChildren().values()) {
      count += batchNorms(child);
    }
    return count;
  }
}
