package vitssl.dsl.finetune;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import vitssl.dsl.Span;
import vitssl.dsl.SpecException;
import vitssl.dsl.TrainingRun;
import vitssl.dsl.augment.ColorJitter;
import vitssl.dsl.augment.View;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.OptimizerSpec;
import vitssl.dsl.optim.ScheduleSpec;
import vitssl.dsl.optim.WarmupCosine;
import vitssl.dsl.optim.WeightDecayScope;

/**
 * End-to-end fine-tuning: a backbone, pre-trained or not, plus a linear classifier, trained on the
 * labelled training split of {@link #data()} and measured on its held-out split. A fine-tune from
 * scratch is the same spec without {@link #weights()}.
 *
 * <p>{@link #deit} is the recipe moco-v3 used for transfer (its {@code transfer/README.md}, run in
 * DeiT's code, Touvron et al. 2021): AdamW with weight decay 0.1, 3 warmup epochs of 100 (kept as
 * 3% of any length) then cosine,
 * label smoothing 0.1, drop path 0.1, batch 128, 100 epochs, every layer trained (a patch
 * projection frozen for pre-training learns here). DeiT's lr of 3e-4 per 512 images on
 * 8 x 128 images is 1.5e-4 per 256 here. Not carried over: RandAugment, mixup, cutmix and random
 * erasing (the training view is DeiT's crop and flip alone).
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableFinetune.class)
public abstract class Finetune implements WithFinetune, TrainingRun {
  @Override
  public abstract String name();

  /** Labelled images: the classifier trains on the training split, is measured on the other. */
  public abstract DataSpec data();

  /**
   * The backbone: the pre-trained run's, up to what carries no weights (a ViT's drop path and
   * whether its patch projection trains).
   */
  public abstract BackboneSpec backbone();

  /**
   * The pre-trained weights: a run folder (its latest checkpoint) or a checkpoint file, whose
   * backbone must be {@link #backbone()} as described there; absent starts from a random
   * initialisation.
   */
  public abstract Optional<String> weights();

  /** The training view; its mean and std also normalise the held-out images. */
  public abstract View augmentation();

  /** Weight of the uniform distribution mixed into each one-hot target (Szegedy et al. 2016). */
  @Value.Default
  public double labelSmoothing() {
    return 0.1;
  }

  /**
   * Layer-wise learning-rate decay (BEiT, Bao et al. 2021): the lr of the backbone's layer k of n
   * is scaled by {@code decay^(n - 1 - k)}, so early layers move less; the classifier and the
   * backbone's last layer take the full lr. Absent: every parameter at the same lr (moco-v3).
   */
  public abstract Optional<Double> layerDecay();

  public abstract OptimizerSpec optimizer();

  public abstract ScheduleSpec schedule();

  /** Labelled images per step. */
  public abstract int batchSize();

  @Override
  public abstract Span length();

  @Value.Default
  public long seed() {
    return 0;
  }

  @Override
  public abstract Optional<String> output();

  /** Steps between checkpoints, each with a held-out accuracy; one is also written at the end. */
  @Override
  @Value.Default
  public int checkpointEvery() {
    return 500;
  }

  @Override
  @Value.Default
  public int logEvery() {
    return 10;
  }

  /** The peak learning rate: the optimizer's base lr x batch / 256. */
  public double peakLr() {
    return optimizer().lr(batchSize());
  }

  /**
   * moco-v3's transfer recipe for {@code backbone} on {@code data}, from scratch until {@link
   * #withWeights} names the pre-trained run; {@code mean} and {@code std} are the pre-training
   * views' normalisation.
   */
  public static Finetune deit(
      String name, DataSpec data, BackboneSpec backbone, List<Double> mean, List<Double> std) {
    BackboneSpec trained =
        backbone instanceof Vit vit
            ? vit.withDropPath(0.1).withPatchProjection(PatchProjection.learned())
            : backbone;
    return builder()
        .name(name)
        .data(data)
        .backbone(trained)
        .augmentation(deitView(backbone.imageSize()).withStatistics(mean, std))
        .optimizer(
            AdamW.baseLr(1.5e-4)
                .weightDecay(0.1)
                .withWeightDecayScope(WeightDecayScope.MATRICES_ONLY))
        .schedule(WarmupCosine.warmup(Span.fraction(0.03)))
        .batchSize(128)
        .epochs(100)
        .build();
  }

  /** DeiT's training view without its RandAugment: random resized crop (0.08 to 1) and flip. */
  public static View deitView(int size) {
    return Views.plain(size).withJitter(ColorJitter.none()).withGrayscaleProbability(0);
  }

  public Finetune withEpochs(double epochs) {
    return withLength(Span.epochs(epochs));
  }

  public Finetune withSteps(long steps) {
    return withLength(Span.steps(steps));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The fluent chain that builds a fine-tune; {@link #build()} runs every check. */
  public static final class Builder extends ImmutableFinetune.Builder {
    Builder() {}

    public Builder epochs(double epochs) {
      return (Builder) length(Span.epochs(epochs));
    }

    public Builder steps(long steps) {
      return (Builder) length(Span.steps(steps));
    }
  }

  @Value.Check
  protected void check() {
    String me = "Finetune";
    TrainingRun.check(this, me);
    SpecException.require(batchSize() >= 1, me, "batchSize", batchSize(), "use 1 or more images");
    SpecException.require(
        labelSmoothing() >= 0 && labelSmoothing() < 1,
        me,
        "labelSmoothing",
        labelSmoothing(),
        "use a weight in [0, 1) (DeiT: 0.1)");
    layerDecay()
        .ifPresent(
            d ->
                SpecException.require(
                    d > 0 && d <= 1, me, "layerDecay", d, "use a factor in (0, 1] (BEiT: 0.65)"));
    SpecException.require(
        augmentation().size() == backbone().imageSize(),
        me,
        "augmentation.size",
        augmentation().size(),
        "the training view must match backbone.imageSize " + backbone().imageSize());
    SpecException.require(
        augmentation().mean().size() == backbone().channels(),
        me,
        "augmentation.mean",
        augmentation().mean(),
        "give one mean and std per backbone channel (" + backbone().channels() + ")");
    weights()
        .ifPresent(
            w ->
                SpecException.require(
                    !w.isBlank(),
                    me,
                    "weights",
                    "\"\"",
                    "name a run folder or a checkpoint, or leave weights out to start from scratch"));
  }
}
