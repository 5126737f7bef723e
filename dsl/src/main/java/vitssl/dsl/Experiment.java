package vitssl.dsl;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;
import vitssl.dsl.augment.AugmentationSpec;
import vitssl.dsl.augment.View;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.compute.Compute;
import vitssl.dsl.compute.Precision;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.head.HeadSpec;
import vitssl.dsl.loss.LossSpec;
import vitssl.dsl.monitor.InstabilityDetection;
import vitssl.dsl.monitor.MonitorSpec;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.OptimizerSpec;
import vitssl.dsl.optim.ScheduleSpec;

/**
 * A whole self-supervised run: data, views, the two encoders, the loss, the optimizer and its
 * schedules, the monitors and the final evaluation. A variant of an experiment is one {@code
 * with...} call away, e.g. {@code experiment.withMomentum(Momentum.none())} for the study's
 * SimCLR-like m = 0.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableExperiment.class)
public abstract class Experiment implements WithExperiment, TrainingRun {
  @Override
  public abstract String name();

  public abstract DataSpec data();

  public abstract AugmentationSpec augmentation();

  public abstract BackboneSpec backbone();

  /** The projection MLP, part of both encoders. */
  public abstract HeadSpec projector();

  /** The prediction MLP, on the query (online) encoder only; absent in the study's ablation. */
  public abstract Optional<HeadSpec> predictor();

  public abstract LossSpec loss();

  /** Momentum of the key encoder. */
  public abstract Momentum momentum();

  public abstract OptimizerSpec optimizer();

  /** Learning-rate schedule. */
  public abstract ScheduleSpec schedule();

  /** Images per step; each yields every view of the augmentation. */
  public abstract int batchSize();

  @Override
  public abstract Span length();

  @Value.Default
  public long seed() {
    return 0;
  }

  @Override
  public abstract Optional<String> output();

  public abstract List<MonitorSpec> monitors();

  /** What the run measures at its end (and at random initialisation, for the gain). */
  @Value.Default
  public Evaluation evaluation() {
    return Evaluation.knn();
  }

  /** How the run's kNN dips and gradient spikes are found after training. */
  @Value.Default
  public InstabilityDetection instabilityDetection() {
    return InstabilityDetection.defaults();
  }

  /** The devices the batch is split over, and the number format; one device in fp32 unless set. */
  @Value.Default
  public Compute compute() {
    return Compute.defaults();
  }

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

  /** This experiment under another framework, e.g. {@code with(Frameworks.byol())}. */
  public Experiment with(Framework framework) {
    return framework.applyTo(this);
  }

  public Experiment withEpochs(double epochs) {
    return withLength(Span.epochs(epochs));
  }

  public Experiment withSteps(long steps) {
    return withLength(Span.steps(steps));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The fluent chain that builds an experiment; {@link #build()} runs every check. */
  public static final class Builder extends ImmutableExperiment.Builder {
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
    String me = "Experiment";
    TrainingRun.check(this, me);
    SpecException.require(
        batchSize() >= 2,
        me,
        "batchSize",
        batchSize(),
        "a contrastive batch needs at least 2 images (its other images are the negatives)");
    SpecException.require(
        batchSize() % compute().replicas() == 0,
        me,
        "batchSize",
        batchSize(),
        "each of the " + compute().replicas() + " devices in compute.devices takes an equal share:"
            + " use a multiple of " + compute().replicas());
    predictor()
        .ifPresent(
            p ->
                SpecException.require(
                    p.outputWidth() == projector().outputWidth(),
                    me,
                    "predictor.outputWidth",
                    p.outputWidth(),
                    "the predictor's output is compared with the key encoder's projector output,"
                        + " so it must equal projector.outputWidth "
                        + projector().outputWidth()));
    List<View> views = augmentation().views();
    SpecException.require(
        augmentation().globalViews() >= 2,
        me,
        "augmentation.globalViews",
        augmentation().globalViews(),
        "a siamese method compares two global views; use Views.byolAsymmetric(size) or two views");
    for (int i = 0; i < augmentation().globalViews(); i++) {
      View v = views.get(i);
      SpecException.require(
          v.size() == backbone().imageSize(),
          me,
          "augmentation.views[" + i + "].size",
          v.size(),
          "global views must match backbone.imageSize " + backbone().imageSize());
    }
    for (int i = augmentation().globalViews(); i < views.size(); i++) {
      View v = views.get(i);
      SpecException.require(
          backbone().acceptsImageSize(v.size()),
          me,
          "augmentation.views[" + i + "].size",
          v.size(),
          "this backbone takes " + backbone().imageSizeRule() + "; resize the local view");
    }
    if (compute().precision() != Precision.FP32) {
      SpecException.require(
          backbone() instanceof Vit,
          me,
          "compute.precision",
          compute().precision(),
          "bf16 and fp16 run ViT backbones only (a ResNet's BatchNorm is not cast here): use"
              + " Precision.FP32 for " + backbone().getClass().getSimpleName().replace("Immutable", ""));
      SpecException.require(
          views.stream().allMatch(v -> v.size() == backbone().imageSize()),
          me,
          "compute.precision",
          compute().precision(),
          "local views of another size resample the position embedding in fp32: use Precision.FP32"
              + " with multi-crop, or views of backbone.imageSize only");
    }
    loss().requireFits(this);
    for (int i = 0; i < views.size(); i++) {
      View v = views.get(i);
      SpecException.require(
          v.mean().size() == backbone().channels(),
          me,
          "augmentation.views[" + i + "].mean",
          v.mean(),
          "give one mean and std per backbone channel (" + backbone().channels() + ")");
    }
  }
}
