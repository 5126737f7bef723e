package vitssl.runner.run;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;
import vitssl.dsl.Experiment;
import vitssl.dsl.SpecJson;
import vitssl.runner.reliability.IntactCheckpoint;
import vitssl.runner.train.Checkpoints;

/**
 * Where a run starts: fresh in an empty folder, or with {@code --resume} from the folder's newest
 * intact checkpoint, written under a spec that trains the same way.
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
        resume, checkpoints, previous -> sameTraining(json.readExperiment(previous), experiment));
  }

  /**
   * Whether {@code now} trains as {@code then}, the spec of the checkpoint: only what leaves the
   * training itself alone may change on resume (its length, the checkpoint cadence, and the
   * output folder, which may have moved to a larger disk).
   */
  private static boolean sameTraining(Experiment then, Experiment now) {
    return then.withLength(now.length())
        .withOutput(now.output())
        .withCheckpointEvery(now.checkpointEvery())
        .withCheckpointMinutes(now.checkpointMinutes())
        .equals(now);
  }

  /**
   * The same for a run of any kind (a fine-tune): {@code sameRun} says whether the spec JSON a
   * checkpoint was written under trains as this run does. With {@code --resume}, the newest intact
   * checkpoint (see {@link IntactCheckpoint}).
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
    Optional<Path> from =
        folder.has(folder.summary()) ? latest : IntactCheckpoint.newest(checkpoints, folder.root());
    if (from.isPresent() && !sameRun.test(Checkpoints.header(from.get()).specJson())) {
      throw new IllegalArgumentException(
          "--resume: the checkpoint in " + folder.root() + " was written by another spec (only its"
              + " length and checkpoint cadence may change on resume); use --out DIR for a new run");
    }
    return from;
  }
}
