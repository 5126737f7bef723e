package vitssl.dsl;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;

/**
 * A length of training: a number of steps, of epochs, or a fraction of the whole run. Warmup in
 * the study is given in epochs (40 of 300), CPU recipes give it as a fraction; both resolve to
 * steps only once the data set's size is known.
 */
@Value.Immutable
@JsonDeserialize(as = ImmutableSpan.class)
public abstract class Span {
  /** What {@link #amount()} counts. */
  public enum Unit {
    STEPS,
    EPOCHS,
    FRACTION
  }

  public abstract Unit unit();

  public abstract double amount();

  public static Span steps(long steps) {
    return ImmutableSpan.builder().unit(Unit.STEPS).amount(steps).build();
  }

  public static Span epochs(double epochs) {
    return ImmutableSpan.builder().unit(Unit.EPOCHS).amount(epochs).build();
  }

  /** A fraction of the run's total steps, e.g. {@code fraction(0.05)} for a 5% warmup. */
  public static Span fraction(double fraction) {
    return ImmutableSpan.builder().unit(Unit.FRACTION).amount(fraction).build();
  }

  /** Resolves to whole steps; a non-zero span is at least one step. */
  public long toSteps(long stepsPerEpoch, long totalSteps) {
    double exact =
        switch (unit()) {
          case STEPS -> amount();
          case EPOCHS -> amount() * stepsPerEpoch;
          case FRACTION -> amount() * totalSteps;
        };
    long steps = Math.round(exact);
    return amount() > 0 ? Math.max(1, steps) : 0;
  }

  @Value.Check
  protected void check() {
    SpecException.require(
        amount() >= 0 && Double.isFinite(amount()),
        "Span",
        "amount",
        amount(),
        "a span is a finite number >= 0");
    SpecException.require(
        unit() != Unit.FRACTION || amount() <= 1,
        "Span",
        "amount",
        amount(),
        "a fraction of the run lies in [0, 1]");
    SpecException.require(
        unit() != Unit.STEPS || amount() == Math.rint(amount()),
        "Span",
        "amount",
        amount(),
        "steps are whole numbers");
  }

  @Override
  public String toString() {
    return switch (unit()) {
      case STEPS -> (long) amount() + " steps";
      case EPOCHS -> amount() + " epochs";
      case FRACTION -> amount() * 100 + "% of the run";
    };
  }
}
