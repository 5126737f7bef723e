package recipes;

import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.augment.TwoViews;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.Cifar10;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.eval.LinearProbe;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.runner.Runner;

/**
 * MoCo v3 sized for a 2-core CPU: CIFAR-10, ViT with 8x8 patches (17 tokens), width 128, 2 heads,
 * 4 blocks ({@link Vit#cpuNarrow()}), heads of width 1024, batch 128, 4,000 steps (10.2 epochs),
 * 24 minutes end to end on a fast day of this 2-core machine (about 33 at the slowest rate seen
 * here). Everything else is the study's method:
 * InfoNCE at tau 0.2, symmetrised; momentum encoder at m 0.99; AdamW; frozen random patch
 * projection; kNN and gradient-norm monitors; a linear probe at the end.
 *
 * <p>Shaped for a short budget: after a 5% warmup the lr stays at its peak, then falls linearly
 * to 0 over the last 30% of the run, and m stays at 0.99, because on a run this short a cosine
 * spends too many steps at rates too small to learn. The narrower ViT takes 1.8 times as many
 * steps per second as width 192 and learns as much per step here, so the same time buys more
 * epochs. Blur is off (a sigma of up to 2 pixels erases a 32x32 image) and crops keep at least
 * 20% of the image.
 */
public final class MocoV3Cifar10 {
  private MocoV3Cifar10() {}

  /** Both views: crop (0.2, 1), flip, jitter (0.4, 0.4, 0.2, 0.1) p 0.8, grayscale p 0.2. */
  public static TwoViews views() {
    View view =
        Views.plain(32).cropMin(0.2).withStatistics(Views.CIFAR10_MEAN, Views.CIFAR10_STD);
    return TwoViews.of(view, view);
  }

  public static Experiment experiment() {
    return Experiment.builder()
        .name("mocov3-cifar10")
        .data(Cifar10.cifar10())
        .augmentation(views())
        .backbone(Vit.cpuNarrow())
        .projector(Mlp.projector().withHidden(1024))
        .predictor(Mlp.predictor().withHidden(1024))
        .loss(InfoNce.infoNce().temperature(0.2))
        .momentum(Momentum.constant(0.99))
        .optimizer(AdamW.baseLr(1e-3).weightDecay(0.05))
        .schedule(WarmupConstant.warmup(Span.fraction(0.05)).withCooldown(Span.fraction(0.3)))
        .batchSize(128)
        .steps(4000)
        .addMonitors(
            Knn.every(250).withBankSize(10_000).withQuerySize(2_000), GradientNorms.everyStep())
        .evaluation(Evaluation.knnAndProbe(LinearProbe.defaults().withEpochs(30)))
        .checkpointEvery(250)
        .build();
  }

  public static void main(String[] args) {
    Runner.main(experiment(), args);
  }
}
