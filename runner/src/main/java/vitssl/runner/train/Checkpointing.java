package vitssl.runner.train;

import java.util.Map;

/**
 * When and what a run checkpoints: every {@code every} steps and after the last, the named parts
 * under the spec they were trained with.
 */
public record Checkpointing(
    Checkpoints checkpoints, int every, String specJson, Map<String, Checkpoints.Part> parts) {

  /** Writes a checkpoint after 0-based step {@code s} if one is due; says whether it did. */
  public boolean afterStep(long s, long total) {
    if ((s + 1) % every == 0 || s == total - 1) {
      checkpoints.save(s + 1, specJson, parts);
      return true;
    }
    return false;
  }
}
