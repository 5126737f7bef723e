package vitssl.runner.train;

import java.util.Map;
import vitssl.runner.reliability.CheckpointCadence;

/**
 * When and what a run checkpoints: as its {@link CheckpointCadence} says (every so many steps,
 * every so many minutes, after the last step), the named parts under the spec they were trained
 * with.
 */
public record Checkpointing(
    Checkpoints checkpoints,
    CheckpointCadence cadence,
    String specJson,
    Map<String, Checkpoints.Part> parts) {

  /** Writes a checkpoint after 0-based step {@code s} if one is due; says whether it did. */
  public boolean afterStep(long s, long total) {
    if (cadence.due(s + 1, total)) {
      now(s + 1);
      return true;
    }
    return false;
  }

  /** Writes a checkpoint after {@code stepsDone} steps, due or not (a stop on a signal). */
  void now(long stepsDone) {
    checkpoints.save(stepsDone, specJson, parts);
    cadence.saved();
  }
}
