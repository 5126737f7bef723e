package vitssl.dsl.loss;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.SpecException;

/**
 * SwAV's swapped prediction (Caron et al. 2020, arXiv 2006.09882): the L2-normalised projections
 * are scored against {@link #prototypes} learnable prototype vectors (themselves L2-normalised
 * before every step); the codes of each of the first {@link #codeViews} views come from those
 * scores by {@link #sinkhornIterations} Sinkhorn-Knopp iterations at {@link #epsilon}, without
 * gradient, and every other view predicts them through a softmax at {@link #temperature}.
 *
 * <p>Defaults are SwAV's ImageNet settings (its {@code main_swav.py}): 3,000 prototypes, tau 0.1,
 * epsilon 0.05, 3 iterations, codes from the two global crops, prototypes frozen for the first
 * epoch. Small batches call for the feature queue ({@link #queueLength} features per code view of
 * earlier batches join the Sinkhorn problem, from {@link #queueStart} on; SwAV: 3,840 from epoch
 * 15 at batch 256); 0 turns it off.
 */
@Value.Immutable
@JsonTypeName("swav")
@JsonDeserialize(as = ImmutableSwav.class)
public abstract class Swav implements LossSpec, WithSwav {
  @Value.Default
  public int prototypes() {
    return 3000;
  }

  @Value.Default
  public double temperature() {
    return 0.1;
  }

  @Value.Default
  public double epsilon() {
    return 0.05;
  }

  @Value.Default
  public int sinkhornIterations() {
    return 3;
  }

  /** The views whose codes are predicted: the first this many (SwAV's crops_for_assign). */
  @Value.Default
  public int codeViews() {
    return 2;
  }

  /** How long the prototypes stay at their initial values (their gradient is zeroed). */
  @Value.Default
  public Span freezePrototypes() {
    return Span.epochs(1);
  }

  /** Features kept per code view from earlier batches; 0 means no queue. */
  @Value.Default
  public int queueLength() {
    return 0;
  }

  /** When the queue starts filling; it joins the codes once full. */
  @Value.Default
  public Span queueStart() {
    return Span.epochs(15);
  }

  /** SwAV with its ImageNet defaults. */
  public static Swav swav() {
    return ImmutableSwav.builder().build();
  }

  /** The same loss with a feature queue of this length, filling from {@code start} on. */
  public Swav queue(int length, Span start) {
    return withQueueLength(length).withQueueStart(start);
  }

  @Override
  public void requireFits(Experiment experiment) {
    int global = experiment.augmentation().globalViews();
    SpecException.require(
        codeViews() <= global,
        "Experiment",
        "loss.codeViews",
        codeViews(),
        "codes come from global views only: use at most augmentation.globalViews " + global);
  }

  @Value.Check
  protected void check() {
    String me = "Swav";
    SpecException.require(
        prototypes() >= 2, me, "prototypes", prototypes(), "use 2 or more (SwAV: 3000)");
    SpecException.require(
        temperature() > 0 && Double.isFinite(temperature()),
        me,
        "temperature",
        temperature(),
        "use a positive temperature (SwAV: 0.1)");
    SpecException.require(
        epsilon() > 0 && Double.isFinite(epsilon()),
        me,
        "epsilon",
        epsilon(),
        "use a positive entropy weight (SwAV: 0.05)");
    SpecException.require(
        sinkhornIterations() >= 1,
        me,
        "sinkhornIterations",
        sinkhornIterations(),
        "use 1 or more (SwAV: 3)");
    SpecException.require(
        codeViews() >= 1, me, "codeViews", codeViews(), "use 1 or more (SwAV: the 2 global crops)");
    SpecException.require(
        queueLength() >= 0, me, "queueLength", queueLength(), "use 0 (no queue) or more features");
  }
}
