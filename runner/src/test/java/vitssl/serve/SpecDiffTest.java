package vitssl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Experiment;
import vitssl.dsl.SpecJson;
import vitssl.dsl.optim.AdamW;
import vitssl.runner.TinyRuns;
import vitssl.runner.run.Wiring;

class SpecDiffTest {
  @Test
  void flattenNamesEveryLeafByItsPathAndKeepsListsOfValuesWhole() throws Exception {
    JsonNode spec =
        RunFiles.JSON.readTree(
            "{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[1,2]},\"m\":[{\"type\":\"knn\",\"every\":3}],\"e\":{}}");
    assertThat(SpecDiff.flatten(spec))
        .containsExactly(
            Map.entry("a", "1"),
            Map.entry("b.c", "x"),
            Map.entry("b.d", "[1,2]"),
            Map.entry("m[0].type", "knn"),
            Map.entry("m[0].every", "3"),
            Map.entry("e", "{}"));
  }

  @Test
  void onlyFieldsThatDifferAreKeptWithEachSpecsValue() throws Exception {
    Experiment base = TinyRuns.experiment(Path.of("/data"), Path.of("/runs/a"));
    Experiment faster = base.withOptimizer(AdamW.baseLr(3e-3)).withOutput("/runs/b");
    Experiment longer = base.withSteps(12).withOutput("/runs/c");
    SpecJson json = Wiring.of().json();
    List<JsonNode> specs =
        List.of(
            RunFiles.JSON.readTree(json.write(base)),
            RunFiles.JSON.readTree(json.write(faster)),
            RunFiles.JSON.readTree(json.write(longer)));

    List<SpecDiff.Field> diff = SpecDiff.of(specs);

    // The reference: every flattened path whose three values are not all equal, by a plain loop.
    List<Map<String, String>> flat = specs.stream().map(SpecDiff::flatten).toList();
    List<String> expected =
        flat.get(0).keySet().stream()
            .filter(
                k ->
                    !(flat.get(0).get(k).equals(flat.get(1).get(k))
                        && flat.get(0).get(k).equals(flat.get(2).get(k))))
            .toList();
    assertThat(diff).extracting(SpecDiff.Field::field).containsExactlyElementsOf(expected);
    assertThat(diff)
        .extracting(SpecDiff.Field::field)
        .contains("optimizer.baseLr", "output", "length.amount")
        .doesNotContain("batchSize", "backbone.width", "name");
    SpecDiff.Field lr =
        diff.stream().filter(f -> f.field().equals("optimizer.baseLr")).findFirst().orElseThrow();
    assertThat(lr.values()).containsExactly("0.001", "0.003", "0.001");
  }

  @Test
  void aFieldOnlySomeSpecsHaveDiffersAndIsNullWhereMissing() throws Exception {
    List<JsonNode> specs =
        Arrays.asList(
            RunFiles.JSON.readTree("{\"a\":1,\"p\":{\"epochs\":3}}"),
            RunFiles.JSON.readTree("{\"a\":1}"));
    assertThat(SpecDiff.of(specs))
        .containsExactly(new SpecDiff.Field("p.epochs", Arrays.asList("3", null)));
  }
}
