package recipes.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.runner.Sweep;

class InstabilitySearchTest {
  /** How to put each variant's lever back to the start's. */
  private static final Map<String, BinaryOperator<Experiment>> RESTORE =
      Map.of(
          "lr-3e-2", (v, s) -> v.withOptimizer(s.optimizer()),
          "no-warmup", (v, s) -> v.withSchedule(s.schedule()),
          "depth-12", (v, s) -> v.withBackbone(s.backbone()),
          "batch-512", (v, s) -> v.withBatchSize(s.batchSize()).withLength(s.length()));

  @Test
  void theSearchStartsFromTheLearnedProjectionAtTheHigherRateOfTheCpuStudy() {
    Experiment start = InstabilitySearch.start();
    assertThat(((Vit) start.backbone()).patchProjection()).isEqualTo(PatchProjection.learned());
    assertThat(((AdamW) start.optimizer()).baseLr()).isEqualTo(1e-2);
    Experiment studyAtThatRate =
        RandomPatchProjection.variants(Scale.CPU).stream()
            .filter(v -> v.name().equals("learned-lr-1e-2"))
            .findFirst()
            .orElseThrow()
            .experiment();
    assertThat(start.withName(studyAtThatRate.name())).isEqualTo(studyAtThatRate);
  }

  @Test
  void eachVariantMovesOneLeverAndOnlyThatOne() {
    Experiment start = InstabilitySearch.start();
    List<Sweep.Variant> variants = InstabilitySearch.levers();
    assertThat(variants).extracting(Sweep.Variant::name).containsExactlyInAnyOrderElementsOf(RESTORE.keySet());
    for (Sweep.Variant v : variants) {
      Experiment e = v.experiment();
      assertThat(e.name()).isEqualTo(v.name());
      assertThat(e).as(v.name()).isNotEqualTo(start.withName(v.name()));
      Experiment restored = RESTORE.get(v.name()).apply(e, start);
      assertThat(restored.withName(start.name())).as(v.name() + " restored").isEqualTo(start);
    }
  }

  @Test
  void theLeversGoBeyondTheStart() {
    Experiment start = InstabilitySearch.start();
    Map<String, Experiment> byName =
        InstabilitySearch.levers().stream()
            .collect(java.util.stream.Collectors.toMap(Sweep.Variant::name, Sweep.Variant::experiment));
    assertThat(((AdamW) byName.get("lr-3e-2").optimizer()).baseLr())
        .isGreaterThan(((AdamW) start.optimizer()).baseLr());
    assertThat(((WarmupConstant) byName.get("no-warmup").schedule()).warmup().amount()).isZero();
    assertThat(((WarmupConstant) start.schedule()).warmup().amount()).isPositive();
    assertThat(((Vit) byName.get("depth-12").backbone()).depth()).isEqualTo(12);
    Experiment large = byName.get("batch-512");
    assertThat(large.batchSize() * large.length().amount())
        .isEqualTo(2 * start.batchSize() * start.length().amount());
  }

  @Test
  void eachLeverRunsAgainWithTheProjectionFrozenAndNothingElseChanged() {
    List<Sweep.Variant> levers = InstabilitySearch.levers();
    List<Sweep.Variant> all = InstabilitySearch.variants();
    assertThat(all).hasSize(2 * levers.size());
    for (Sweep.Variant lever : levers) {
      Sweep.Variant frozen =
          all.stream().filter(v -> v.name().equals(lever.name() + "-frozen")).findFirst().orElseThrow();
      Vit vit = (Vit) frozen.experiment().backbone();
      assertThat(vit.patchProjection()).isEqualTo(PatchProjection.frozenRandom());
      assertThat(frozen.experiment().withBackbone(vit.withPatchProjection(PatchProjection.learned())))
          .isEqualTo(lever.experiment().withName(frozen.name()));
    }
  }
}
