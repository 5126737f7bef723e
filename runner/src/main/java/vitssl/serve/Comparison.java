package vitssl.serve;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Several runs side by side: their ids, the spec fields in which they differ, and their
 * summaries (null for a run still training) in the order asked. The page overlays their curves
 * from each run's own {@link RunSnapshot}.
 */
record Comparison(
    @JsonProperty("ids") List<String> ids,
    @JsonProperty("spec_diff") List<SpecDiff.Field> specDiff,
    @JsonProperty("summaries") List<JsonNode> summaries) {

  static Comparison of(RunsFolder folder, List<String> ids) {
    if (ids.size() < 2) {
      throw new Refusal(Refusal.BAD_REQUEST, "pick two runs or more to compare");
    }
    List<JsonNode> specs = ids.stream().map(id -> spec(folder, id)).toList();
    return new Comparison(
        ids,
        SpecDiff.of(specs),
        ids.stream().map(id -> RunFiles.readOrNull(folder.fileOf(id, RunFiles.SUMMARY))).toList());
  }

  private static JsonNode spec(RunsFolder folder, String id) {
    if (!RunFiles.isRun(folder.resolve(id))) {
      throw new Refusal(Refusal.NOT_FOUND, "no run at " + id);
    }
    return RunFiles.readOrNull(folder.fileOf(id, RunFiles.SPEC));
  }
}
