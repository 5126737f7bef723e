package vitssl.dsl;

import java.util.Optional;

/**
 * What the spec of every training run has, pre-training ({@link Experiment}) and fine-tuning
 * alike: a name, an output folder, a length, and how often it checkpoints and logs.
 */
public interface TrainingRun {
  /** A short name; also the default output folder under {@code runs/}. */
  String name();

  /** Output folder; unset means {@code runs/<name>}. */
  Optional<String> output();

  /** Training length, in steps or epochs. */
  Span length();

  /** Steps between checkpoints; one is also written at the end. */
  int checkpointEvery();

  /**
   * Minutes of training between checkpoints, on top of {@link #checkpointEvery()}: on a slow
   * machine a step count can mean hours, and a killed job loses at most this much work.
   */
  Optional<Double> checkpointMinutes();

  /** Steps between lines of {@code metrics.jsonl}. */
  int logEvery();

  default String outputOrDefault() {
    return output().orElse("runs/" + name());
  }

  /** The checks every run shares: a name, a positive length in steps or epochs, intervals >= 1. */
  static void check(TrainingRun run, String owner) {
    SpecException.require(!run.name().isBlank(), owner, "name", "\"\"", "give the run a short name");
    SpecException.require(
        run.length().unit() != Span.Unit.FRACTION && run.length().amount() > 0,
        owner,
        "length",
        run.length(),
        "train for a positive number of steps or epochs");
    SpecException.require(
        run.checkpointEvery() >= 1,
        owner,
        "checkpointEvery",
        run.checkpointEvery(),
        "use 1 or more steps");
    SpecException.require(
        run.logEvery() >= 1, owner, "logEvery", run.logEvery(), "use 1 or more steps");
    run.checkpointMinutes()
        .ifPresent(
            minutes ->
                SpecException.require(
                    minutes > 0 && Double.isFinite(minutes),
                    owner,
                    "checkpointMinutes",
                    minutes,
                    "use a positive number of minutes, e.g. 30, or leave it unset"));
  }
}
