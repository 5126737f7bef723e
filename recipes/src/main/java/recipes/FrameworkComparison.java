package recipes;

import java.util.List;
import vitssl.dsl.Experiment;
import vitssl.dsl.Frameworks;
import vitssl.runner.Sweep;

/**
 * The study's framework comparison at CPU scale: MoCo v3, SimCLR and BYOL on the same ViT with the
 * same frozen random patch projection, data and budget, one line apart, into
 * {@code runs/framework-comparison/} with a table ({@code sweep.md}, {@code sweep.html}) and one
 * chart of every kNN curve. A stopped comparison restarts with the same command; finished
 * frameworks are skipped. The same comparison on a ResNet is {@code
 * base().withBackbone(ResNet.cifar18())}.
 */
public final class FrameworkComparison {
  private FrameworkComparison() {}

  /**
   * The CPU recipe of MoCo v3 at 1,500 steps, the budget every framework gets; MoCo v3 runs it as
   * it is (constant m, shaped for a short budget), the others swap in their framework's loss,
   * heads and momentum.
   */
  public static Experiment base() {
    return MocoV3Cifar10.experiment().withSteps(1500);
  }

  public static List<Sweep.Variant> variants() {
    Experiment base = base();
    return List.of(
        new Sweep.Variant("mocov3", base.withName("mocov3")),
        new Sweep.Variant("simclr", base.with(Frameworks.simclr()).withName("simclr")),
        new Sweep.Variant("byol", base.with(Frameworks.byol()).withName("byol")));
  }

  public static void main(String[] args) {
    Sweep.main("framework-comparison", variants(), args);
  }
}
