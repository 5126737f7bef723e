package vitssl.dsl.optim;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.Span;

/**
 * MoCo v3's schedule: linear warmup from 0, then a half-cycle cosine to 0, per iteration. The ViT
 * recipe warms up for 40 of 300 epochs.
 */
@Value.Immutable
@JsonTypeName("warmup-cosine")
@JsonDeserialize(as = ImmutableWarmupCosine.class)
public abstract class WarmupCosine implements ScheduleSpec, WithWarmupCosine {
  @Override
  @Value.Parameter
  public abstract Span warmup();

  public static WarmupCosine warmupEpochs(double epochs) {
    return ImmutableWarmupCosine.of(Span.epochs(epochs));
  }

  public static WarmupCosine warmup(Span warmup) {
    return ImmutableWarmupCosine.of(warmup);
  }
}
