package vitssl.runner.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import vitssl.dsl.Experiment;
import vitssl.dsl.SpecJson;
import vitssl.runner.train.Checkpoints;

/**
 * Where a run starts: fresh in an empty folder, or with {@code --resume} from the folder's latest
 * checkpoint, written under the same spec (only the training length may differ).
 */
public final class ResumePoint {
  private final RunFolder folder;
  private final SpecJson json;

  public ResumePoint(RunFolder folder, SpecJson json) {
    this.folder = folder;
    this.json = json;
  }

  /** The checkpoint to resume from; empty for a fresh start. */
  Optional<Path> find(Experiment experiment, boolean resume, Checkpoints checkpoints) {
    return find(
        resume,
        checkpoints,
        previous -> {
          Experiment then = json.readExperiment(previous);
          return then.withLength(experiment.length()).equals(experiment.withLength(then.length()));
        });
  }

  /**
   * The same for a run of any kind (a fine-tune): {@code sameRun} says whether the spec JSON a
   * checkpoint was written under is this run's, up to its length.
   */
  public Optional<Path> find(boolean resume, Checkpoints checkpoints, Predicate<String> sameRun) {
    Optional<Path> latest = checkpoints.latest();
    if (!resume) {
      if (latest.isPresent() || folder.has(folder.summary())) {
        throw new IllegalArgumentException(
            "run folder " + folder.root() + " already holds a run: pass --resume to continue it,"
                + " or --out DIR to start a new one elsewhere");
      }
      return Optional.empty();
    }
    if (latest.isPresent() && !sameRun.test(Checkpoints.header(latest.get()).specJson())) {
      throw new IllegalArgumentException(
          "--resume: the checkpoint in " + folder.root() + " was written by another spec"
              + " (only its length may change on resume); use --out DIR for a new run");
    }
    return latest;
  }
}
