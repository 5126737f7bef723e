package recipes.study;

import recipes.MocoV3Cifar10;
import recipes.MocoV3VitB;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.optim.AdamW;

/**
 * The two sizes of every study recipe: a CPU-sized run on CIFAR-10 (the default), or the study's
 * ImageNet setting ({@code --paper}).
 */
public enum Scale {
  /**
   * {@link MocoV3Cifar10} at 600 steps (about 10 minutes on 2 cores), with the kNN curve measured
   * every 50 steps, so that a dip of a few hundred steps shows up.
   */
  CPU,
  /** {@link MocoV3VitB}: ViT-B/16, batch 4096, 300 epochs on an ImageNet folder. */
  PAPER;

  /** The recipe every comparison starts from. */
  public Experiment base() {
    return switch (this) {
      case CPU ->
          MocoV3Cifar10.experiment()
              .withSteps(600)
              .withMonitors(
                  Knn.every(50).withBankSize(10_000).withQuerySize(2_000),
                  GradientNorms.everyStep());
      case PAPER -> MocoV3VitB.experiment();
    };
  }

  /**
   * The setting of the study's instability figures (batch size, lr, optimizer), which came before
   * its trick: the patch projection is learned; at paper size 100 epochs at AdamW base lr 1.0e-4.
   */
  public Experiment beforeTheTrick() {
    Experiment base = base();
    Experiment learned =
        base.withBackbone(((Vit) base.backbone()).withPatchProjection(PatchProjection.learned()));
    return switch (this) {
      case CPU -> learned;
      case PAPER -> learned.withEpochs(100).withOptimizer(AdamW.baseLr(1.0e-4).weightDecay(0.1));
    };
  }

  /** {@code cpu} at CPU size, {@code paper} at paper size: a grid's values for each scale. */
  public <T> T pick(T cpu, T paper) {
    return this == CPU ? cpu : paper;
  }
}
