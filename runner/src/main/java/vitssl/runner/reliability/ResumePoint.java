package vitssl.runner.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.runner.Checkpoints;

/**
 * Where {@code --resume} continues: the newest checkpoint whose checksum matches. Each newer one
 * passed over is named with the reason, so a user knows what was lost; with no checkpoint at all
 * (or none intact) the run says it starts fresh.
 */
public final class ResumePoint {
  private ResumePoint() {}

  /** The newest intact checkpoint of {@code checkpoints}, telling the console what it chose. */
  public static Optional<Path> choose(Checkpoints checkpoints, Path runFolder) {
    List<String> skipped = new ArrayList<>();
    for (Path file : checkpoints.newestFirst()) {
      Optional<String> damage = Checkpoints.damage(file);
      if (damage.isEmpty()) {
        return Optional.of(file);
      }
      String line = "skipping checkpoint " + file.getFileName() + ": " + damage.get();
      skipped.add(line);
      System.out.println("--resume: " + line);
    }
    System.out.println(
        skipped.isEmpty()
            ? "--resume: no checkpoint in " + runFolder + " yet; starting fresh"
            : "--resume: no intact checkpoint in " + runFolder + "; starting fresh");
    return Optional.empty();
  }

  /**
   * Fails unless {@code now} trains as {@code then}, the spec of the checkpoint: only what leaves
   * the training itself alone may change on resume (its length, the checkpoint cadence, and the
   * output folder, which may have moved to a larger disk).
   */
  public static void requireSameTraining(Experiment then, Experiment now, Path runFolder) {
    Experiment aligned =
        then.withLength(now.length())
            .withOutput(now.output())
            .withCheckpointEvery(now.checkpointEvery())
            .withCheckpointMinutes(now.checkpointMinutes());
    if (!aligned.equals(now)) {
      throw new IllegalArgumentException(
          "--resume: the checkpoint in " + runFolder + " was written by another spec (only its"
              + " length and checkpoint cadence may change on resume); use --out DIR for a new run");
    }
  }
}
