package recipes;

import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.Vit;
import vitssl.runner.Runner;

/**
 * MoCo v3, ViT-S/16, 300 epochs on ImageNet (73.2% linear in the study): {@link MocoV3VitB} with
 * the small backbone.
 */
public final class MocoV3VitS {
  private MocoV3VitS() {}

  public static Experiment experiment() {
    return MocoV3VitB.experiment().withName("mocov3-vit-s").withBackbone(Vit.small());
  }

  public static void main(String[] args) {
    Runner.main(experiment(), args);
  }
}
