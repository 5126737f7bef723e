package vitssl.dsl.optim;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.Span;

/**
 * Linear warmup from 0, then the peak learning rate to the end. Suited to short budgets, where a
 * cosine spends much of the run at rates too small to learn.
 */
@Value.Immutable
@JsonTypeName("warmup-constant")
@JsonDeserialize(as = ImmutableWarmupConstant.class)
public abstract class WarmupConstant implements ScheduleSpec, WithWarmupConstant {
  @Override
  @Value.Parameter
  public abstract Span warmup();

  public static WarmupConstant warmup(Span warmup) {
    return ImmutableWarmupConstant.of(warmup);
  }
}
