package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.augment.TwoViews;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.Cifar10;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.RunResult;

/** A short MoCo v3 run on the real CIFAR-10: the contrastive loss must fall. */
class LossFallsOnCifarTest {
  @TempDir Path dir;

  @Test
  void theLossOfAShortRunFalls() {
    View view = Views.plain(32).cropMin(0.2).withStatistics(Views.CIFAR10_MEAN, Views.CIFAR10_STD);
    Experiment experiment =
        Experiment.builder()
            .name("loss-falls")
            .data(Cifar10.cifar10())
            .augmentation(TwoViews.of(view, view))
            .backbone(Vit.of(64, 2, 2).withImageSize(32).withPatchSize(8))
            .projector(Mlp.layers(2).withHidden(256).withOut(64))
            .predictor(Mlp.layers(2).withHidden(256).withOut(64))
            .loss(InfoNce.infoNce())
            .momentum(Momentum.constant(0.99))
            .optimizer(AdamW.baseLr(2e-3).weightDecay(0.05))
            .schedule(WarmupConstant.warmup(Span.steps(5)))
            .batchSize(64)
            .steps(60)
            .addMonitors(Knn.every(1000).withBankSize(2_000).withQuerySize(500))
            .logEvery(1)
            .output(dir.toString())
            .build();
    RunResult result = Runner.run(experiment, RunOptions.none());

    List<Map<String, Object>> rows = MetricsLog.read(dir.resolve("metrics.jsonl"));
    double first = meanLoss(rows.subList(0, 10));
    double last = meanLoss(rows.subList(rows.size() - 10, rows.size()));
    // With 64 images, chance-level InfoNCE is 2 tau ln 64 = 1.66 per view pair, 3.33 in all.
    assertThat(first).isGreaterThan(3.0);
    assertThat(last).isLessThan(first - 0.3);
    assertThat(result.summary().skippedSteps()).isZero();
  }

  private static double meanLoss(List<Map<String, Object>> rows) {
    return rows.stream().mapToDouble(r -> ((Number) r.get("loss")).doubleValue()).average().orElseThrow();
  }
}
