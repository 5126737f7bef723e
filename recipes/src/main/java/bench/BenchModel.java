package bench;

import recipes.MocoV3Cifar10;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.Subset;
import vitssl.dsl.head.Mlp;

/**
 * The models the benches run ({@link StepBench}, {@link RandomInputBench}), named by {@code
 * --config}: the CPU recipe's, the earlier width-192 one, and ViT-B's, ViT-L's and ViT-H's blocks
 * at the recipe's depth and patches.
 */
enum BenchModel {
  /** The README's CPU recipe ({@link MocoV3Cifar10}) as it is. */
  RECIPE(1000, null, 0, 0, 0),
  /**
   * The recipe with the earlier CPU model, {@link Vit#cpuTiny()} (width 192, 3 heads, 4 blocks,
   * 17 tokens) and heads 1024 wide: the model of the first side-by-side comparisons.
   */
  TINY(1000, Vit.cpuTiny(), 1024, 0, 0),
  /**
   * ViT-B's width, heads and MLP (768, 12, 3072) in 4 blocks on CIFAR-10's 32x32 images at
   * patch 8 (17 tokens), with the study's 4096-wide projector and predictor, batch 128: a step
   * whose time is mostly matrix products, as ViT-B's is. It trains on a fixed 4,096-image
   * subset and evaluates on 1,024, so the evaluations around the timed steps stay short.
   */
  WIDE(40, Vit.base(), 4096, 4096, 1024),
  /** As {@link #WIDE} with ViT-L's blocks (1024, 16 heads, MLP 4096); 2,048 / 512 images. */
  LARGE(24, Vit.large(), 4096, 2048, 512),
  /** As {@link #WIDE} with ViT-H's blocks (1280, 16 heads, MLP 5120); 1,024 / 256 images. */
  HUGE(16, Vit.huge(), 4096, 1024, 256);

  final int defaultSteps;
  private final Vit blocks;
  private final int headsHidden;
  private final int trainImages;
  private final int testImages;

  /** Blocks' width and heads over the recipe's depth and patches; 0 images: all of CIFAR-10. */
  BenchModel(int defaultSteps, Vit blocks, int headsHidden, int trainImages, int testImages) {
    this.defaultSteps = defaultSteps;
    this.blocks = blocks;
    this.headsHidden = headsHidden;
    this.trainImages = trainImages;
    this.testImages = testImages;
  }

  static BenchModel named(String name) {
    for (BenchModel c : values()) {
      if (c.name().equalsIgnoreCase(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "--config " + name + ": unknown; use recipe (the CPU recipe's model), tiny, wide, large"
            + " or huge");
  }

  Experiment experiment() {
    Experiment recipe = MocoV3Cifar10.experiment();
    if (blocks == null) {
      return recipe;
    }
    Vit shape = (Vit) recipe.backbone();
    Experiment resized =
        recipe
            .withBackbone(shape.withWidth(blocks.width()).withHeads(blocks.heads()))
            .withProjector(Mlp.projector().withHidden(headsHidden))
            .withPredictor(Mlp.predictor().withHidden(headsHidden));
    return trainImages == 0
        ? resized
        : resized.withData(Subset.of(recipe.data(), trainImages, testImages));
  }
}
