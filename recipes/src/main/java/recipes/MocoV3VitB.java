package recipes;

import vitssl.dsl.Experiment;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.eval.LinearProbe;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupCosine;
import vitssl.runner.Runner;

/**
 * MoCo v3, ViT-B/16, 300 epochs on ImageNet: the study's main recipe (Chen, Xie, He 2021, arXiv
 * 2104.02057; 76.7% linear). Batch 4096, AdamW base lr 1.5e-4, weight decay 0.1, 40 warmup
 * epochs then cosine, tau 0.2, m 0.99 raised to 1 on a cosine, frozen random patch projection.
 * Meant for a GPU and an ImageNet folder ({@code --data /path/to/imagenet} with {@code train/}
 * and {@code val/}); on a CPU it starts and says how long an epoch would take.
 */
public final class MocoV3VitB {
  private MocoV3VitB() {}

  public static Experiment experiment() {
    return Experiment.builder()
        .name("mocov3-vit-b")
        .data(ImageFolder.at("imagenet"))
        .augmentation(Views.byolAsymmetric(224))
        .backbone(Vit.base())
        .projector(Mlp.projector())
        .predictor(Mlp.predictor())
        .loss(InfoNce.infoNce().temperature(0.2))
        .momentum(Momentum.cosine(0.99))
        .optimizer(AdamW.baseLr(1.5e-4).weightDecay(0.1))
        .schedule(WarmupCosine.warmupEpochs(40))
        .batchSize(4096)
        .epochs(300)
        .addMonitors(Knn.every(1000).withBankSize(100_000).withQuerySize(10_000), GradientNorms.everyStep())
        .evaluation(Evaluation.knnAndProbe(LinearProbe.defaults()))
        .checkpointEvery(1000)
        .build();
  }

  public static void main(String[] args) {
    Runner.main(experiment(), args);
  }
}
