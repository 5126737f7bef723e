package vitssl.dsl.optim;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;
import vitssl.dsl.Span;

/**
 * Linear warmup from 0, then the peak learning rate, and optionally a linear cooldown to 0 over
 * the run's last {@link #cooldown()} (warmup-stable-decay). Suited to short budgets, where a
 * cosine spends much of the run at rates too small to learn, while the cooldown still lets the
 * weights settle at the end.
 */
@Value.Immutable
@JsonTypeName("warmup-constant")
@JsonDeserialize(as = ImmutableWarmupConstant.class)
public abstract class WarmupConstant implements ScheduleSpec, WithWarmupConstant {
  @Override
  @Value.Parameter
  public abstract Span warmup();

  /** The end of the run over which the rate falls linearly from the peak to 0; none by default. */
  @Value.Default
  public Span cooldown() {
    return Span.steps(0);
  }

  public static WarmupConstant warmup(Span warmup) {
    return ImmutableWarmupConstant.of(warmup);
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        warmup().unit() != Span.Unit.FRACTION
            || cooldown().unit() != Span.Unit.FRACTION
            || warmup().amount() + cooldown().amount() <= 1,
        "WarmupConstant",
        "cooldown",
        cooldown(),
        "warmup (" + warmup() + ") and cooldown together are at most the whole run: shorten one");
  }
}
