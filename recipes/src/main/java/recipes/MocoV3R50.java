package recipes;

import vitssl.dsl.Experiment;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.eval.LinearProbe;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.optim.Lars;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupCosine;
import vitssl.runner.Runner;

/**
 * MoCo v3 on ResNet-50, ImageNet, as moco-v3's published settings give it (its CONFIG.md; the
 * study's Table on ResNet-50): batch 4096, LARS (trust coefficient 0.001, 1-D parameters left
 * out of decay and adaptation), 10 warmup epochs then cosine, tau 1.0, m 0.99 raised to 1 on a
 * cosine, a 2-layer projector 2048-4096-256 with a last BatchNorm and a 2-layer predictor
 * 256-4096-256 without one. By length:
 *
 * <ul>
 *   <li>100 epochs: base lr 0.6, weight decay 1e-6, crops from 20% of the image;
 *   <li>300 epochs: base lr 0.3, weight decay 1.5e-6, crops from 8%;
 *   <li>1000 epochs: as 300, with m 0.996.
 * </ul>
 *
 * Meant for a GPU and an ImageNet folder ({@code --data /path/to/imagenet}); {@code main} runs
 * the 100-epoch setting, {@link #experiment(int)} gives the others.
 */
public final class MocoV3R50 {
  private MocoV3R50() {}

  public static Experiment experiment() {
    return experiment(100);
  }

  /** The setting for 100, 300 or 1000 epochs. */
  public static Experiment experiment(int epochs) {
    if (epochs != 100 && epochs != 300 && epochs != 1000) {
      throw new IllegalArgumentException(
          "MocoV3R50.experiment(" + epochs + "): published settings exist for 100, 300 and 1000"
              + " epochs; take the nearest and change its length with withEpochs");
    }
    boolean short100 = epochs == 100;
    return Experiment.builder()
        .name("mocov3-r50-" + epochs + "ep")
        .data(ImageFolder.at("imagenet"))
        .augmentation(Views.byolAsymmetric(224).both(v -> v.cropMin(short100 ? 0.2 : 0.08)))
        .backbone(ResNet.r50())
        .projector(Mlp.layers(2).withHidden(4096).withOut(256))
        .predictor(Mlp.layers(2).withHidden(4096).withOut(256).withLastBatchNorm(false))
        .loss(InfoNce.infoNce().temperature(1.0))
        .momentum(Momentum.cosine(epochs == 1000 ? 0.996 : 0.99))
        .optimizer(Lars.baseLr(short100 ? 0.6 : 0.3).weightDecay(short100 ? 1e-6 : 1.5e-6))
        .schedule(WarmupCosine.warmupEpochs(10))
        .batchSize(4096)
        .epochs(epochs)
        .addMonitors(
            Knn.every(1000).withBankSize(100_000).withQuerySize(10_000), GradientNorms.everyStep())
        .evaluation(Evaluation.knnAndProbe(LinearProbe.defaults()))
        .checkpointEvery(1000)
        .build();
  }

  public static void main(String[] args) {
    Runner.main(experiment(), args);
  }
}
