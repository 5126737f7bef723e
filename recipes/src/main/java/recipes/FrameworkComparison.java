package recipes;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.dsl.Frameworks;
import vitssl.dsl.Span;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.loss.Swav;
import vitssl.runner.Sweep;
import vitssl.runner.run.RunOptions;

/**
 * The study's framework comparison at CPU scale: MoCo v3, SimCLR, BYOL and SwAV on the same ViT
 * with the same frozen random patch projection, data and budget, one line apart, into {@code
 * runs/framework-comparison/} with a table ({@code sweep.md}, {@code sweep.html}) and one chart of
 * every kNN curve. Each framework first gets the same tuning budget ({@link FrameworkTuning}: three
 * base learning rates, each a third of the comparison's length, scored by kNN on 5,000 held-out
 * training images, into {@code runs/framework-comparison-tuning/}), then runs the comparison at
 * its best rate. A stopped comparison restarts with the same command; finished runs are skipped.
 * {@code --resnet} runs the same four on the CIFAR ResNet-18 ({@link #resnetBase()}, one changed
 * line).
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

  /**
   * SwAV sized for this budget: 100 prototypes for 10 classes and a batch of 128 (SwAV's 3,000
   * are for ImageNet), frozen for the first 50 steps, no queue. It sees the same two views as the
   * other frameworks: at 32 pixels, SwAV's local crops (16-pixel crops of 5-14% of the image)
   * slowed it down here (kNN 28.3 after 500 steps with 2 of them, against 32.9 after 400 without).
   */
  public static Swav swavLoss() {
    return Swav.swav().withPrototypes(100).withFreezePrototypes(Span.steps(50));
  }

  private static final String RESNET = "--resnet";

  public static List<Sweep.Variant> variants() {
    return variants(base());
  }

  /** The four frameworks on {@code base}, each one line apart. */
  public static List<Sweep.Variant> variants(Experiment base) {
    return List.of(
        new Sweep.Variant("mocov3", base.withName("mocov3")),
        new Sweep.Variant("simclr", base.with(Frameworks.simclr()).withName("simclr")),
        // BYOL keeps the base's constant m 0.99, as MoCo v3 does here: with its own 0.996 rising
        // to 1, its target moved too little in 1,500 steps (kNN 35.49 against 31.74 at random init).
        new Sweep.Variant(
            "byol", base.with(Frameworks.byol()).withMomentum(base.momentum()).withName("byol")),
        new Sweep.Variant(
            "swav", base.with(Frameworks.swav(0)).withLoss(swavLoss()).withName("swav")));
  }

  /** The same comparison on the CIFAR ResNet-18: {@code bin/vitssl recipes.FrameworkComparison --resnet}. */
  public static Experiment resnetBase() {
    return base().withBackbone(ResNet.cifar18());
  }

  public static void main(String[] args) {
    boolean resnet = List.of(args).contains(RESNET);
    String[] rest = Arrays.stream(args).filter(a -> !a.equals(RESNET)).toArray(String[]::new);
    String name = resnet ? "framework-comparison-resnet18" : "framework-comparison";
    List<Sweep.Variant> comparison = variants(resnet ? resnetBase() : base());
    Optional<RunOptions> options = CommandArgs.runOptions(rest);
    if (options.isEmpty()) {
      Sweep.main(name, comparison, rest); // says what is wrong with the command line
      return;
    }
    String tuningOut = options.get().out().map(o -> o + "-tuning").orElse("runs/" + name + "-tuning");
    Optional<List<FrameworkTuning.Choice>> chosen =
        FrameworkTuning.choices(comparison, Path.of(tuningOut));
    if (chosen.isEmpty()) {
      List<Sweep.Variant> sized =
          comparison.stream()
              .map(v -> new Sweep.Variant(v.name(), options.get().apply(v.experiment()), v.value()))
              .toList();
      String[] tuningArgs = CommandArgs.without(rest, List.of("--data", "--steps", "--epochs", "--out"));
      tuningArgs = CommandArgs.with(tuningArgs, "--out", tuningOut);
      Sweep.main(name + "-tuning", FrameworkTuning.variants(sized), tuningArgs);
      chosen = FrameworkTuning.choices(comparison, Path.of(tuningOut));
      if (chosen.isEmpty()) {
        System.out.println(
            "the comparison's specs follow once every tuning run has finished: run this command again then");
        return;
      }
    }
    chosen.get().forEach(c -> System.out.println(c.framework() + ": " + c.describe()));
    Sweep.main(name, FrameworkTuning.tuned(comparison, chosen.get()), rest);
  }
}
