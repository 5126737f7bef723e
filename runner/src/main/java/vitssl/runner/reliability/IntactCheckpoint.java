package vitssl.runner.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vitssl.runner.train.Checkpoints;

/**
 * Where {@code --resume} continues: the newest checkpoint whose checksum matches. Each newer one
 * passed over is named with the reason, so a user knows what was lost; with no checkpoint at all
 * (or none intact) the run says it starts fresh.
 */
public final class IntactCheckpoint {
  private IntactCheckpoint() {}

  /** The newest intact checkpoint of {@code checkpoints}, telling the console what it chose. */
  public static Optional<Path> newest(Checkpoints checkpoints, Path runFolder) {
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
}
