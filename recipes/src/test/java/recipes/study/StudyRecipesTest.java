package recipes.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import recipes.MocoV3Cifar10;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.backbone.PatchProjection;
import vitssl.dsl.backbone.Pooling;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.Cifar10;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.head.HeadSpec;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.optim.AdamW;
import vitssl.runner.Sweep;

class StudyRecipesTest {
  /**
   * A study recipe and how to put its intended fields back to the base's: a variant with those
   * fields restored must be the base itself.
   */
  record Recipe(
      String name,
      Function<Scale, Experiment> base,
      Function<Scale, List<Sweep.Variant>> variants,
      BinaryOperator<Experiment> restore) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Recipe> recipes() {
    return List.of(
        new Recipe("BatchSize", BatchSize::base, BatchSize::variants,
            (v, b) -> v.withBatchSize(b.batchSize())),
        new Recipe("LearningRate", LearningRate::base, LearningRate::variants,
            (v, b) -> v.withOptimizer(b.optimizer())),
        new Recipe("OptimizerStudy", OptimizerStudy::base, OptimizerStudy::variants,
            (v, b) -> v.withOptimizer(b.optimizer())),
        new Recipe("RandomPatchProjection", RandomPatchProjection::base,
            RandomPatchProjection::variants,
            (v, b) -> v.withOptimizer(b.optimizer())
                .withBackbone(vit(v).withPatchProjection(vit(b).patchProjection()))),
        new Recipe("PositionEmbeddingStudy", PositionEmbeddingStudy::base, PositionEmbeddingStudy::variants,
            (v, b) -> v.withBackbone(vit(v).withPositionEmbedding(vit(b).positionEmbedding()))),
        new Recipe("PoolingStudy", PoolingStudy::base, PoolingStudy::variants,
            (v, b) -> v.withBackbone(vit(v).withPooling(vit(b).pooling()))),
        new Recipe("BatchNormInHeads", BatchNormInHeads::base, BatchNormInHeads::variants,
            (v, b) -> v.withProjector(batchNormOf(b.projector(), v.projector()))
                .withPredictor(batchNormOf(b.predictor().orElseThrow(), v.predictor().orElseThrow()))),
        new Recipe("Predictor", Predictor::base, Predictor::variants,
            (v, b) -> v.withPredictor(b.predictor())),
        new Recipe("MomentumStudy", MomentumStudy::base, MomentumStudy::variants,
            (v, b) -> v.withMomentum(b.momentum())),
        new Recipe("TrainingLength", TrainingLength::base, TrainingLength::variants,
            (v, b) -> v.withLength(b.length())));
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void variantsDifferFromTheBaseOnlyInTheirAxisAndFromEachOther(Recipe recipe) {
    for (Scale scale : Scale.values()) {
      Experiment base = recipe.base().apply(scale);
      List<Sweep.Variant> variants = recipe.variants().apply(scale);
      assertThat(variants).as(recipe + " " + scale).hasSizeGreaterThanOrEqualTo(2);
      Set<String> names = new HashSet<>();
      Set<Experiment> distinct = new HashSet<>();
      for (Sweep.Variant v : variants) {
        assertThat(names.add(v.name())).as(recipe + " " + v.name() + " unique").isTrue();
        assertThat(v.experiment().name()).isEqualTo(v.name());
        assertThat(v.value()).isPresent();
        assertThat(recipe.restore().apply(v.experiment(), base).withName(base.name()))
            .as(recipe + " " + scale + " " + v.name() + " restored")
            .isEqualTo(base);
        distinct.add(v.experiment().withName("any"));
      }
      assertThat(distinct).as(recipe + " " + scale + " variants differ").hasSize(variants.size());
    }
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void aCpuSweepTrainsOnCifarWithinThreeThousandStepsOf128Images(Recipe recipe) {
    double images = 0;
    for (Sweep.Variant v : recipe.variants().apply(Scale.CPU)) {
      Experiment e = v.experiment();
      assertThat(e.data()).isEqualTo(Cifar10.cifar10());
      Span length = e.length();
      images +=
          length.unit() == Span.Unit.EPOCHS
              ? length.amount() * 50_000
              : length.amount() * e.batchSize();
    }
    assertThat(images).as(recipe.name()).isLessThanOrEqualTo(3_000 * 128);
  }

  @Test
  void theCpuBaseIsTheCpuRecipeShortenedWithADenserKnnCurve() {
    Experiment base = Scale.CPU.base();
    Experiment lengthened =
        base.withLength(Span.steps(4000)).withMonitors(MocoV3Cifar10.experiment().monitors());
    assertThat(lengthened).isEqualTo(MocoV3Cifar10.experiment());
    assertThat(base.length()).isEqualTo(Span.steps(600));
  }

  @Test
  void paperSwitchesToThePapersSettingsAndItsOwnFolder() {
    StudySweep.Plan cpu =
        StudySweep.plan("study-lr", LearningRate::variants, new String[] {"--steps", "5"});
    StudySweep.Plan paper =
        StudySweep.plan(
            "study-lr", LearningRate::variants, new String[] {"--steps", "5", StudySweep.PAPER});

    assertThat(cpu.name()).isEqualTo("study-lr");
    assertThat(cpu.scale()).isEqualTo(Scale.CPU);
    assertThat(paper.name()).isEqualTo("study-lr-paper");
    assertThat(paper.scale()).isEqualTo(Scale.PAPER);
    assertThat(paper.args()).containsExactly("--steps", "5");
    assertThat(paper.variants())
        .extracting(Sweep.Variant::name)
        .containsExactly("lr-5e-5", "lr-1e-4", "lr-1.5e-4");
    for (Sweep.Variant v : paper.variants()) {
      Experiment e = v.experiment();
      assertThat(vit(e).withPatchProjection(PatchProjection.frozenRandom())).isEqualTo(Vit.base());
      assertThat(e.data()).isInstanceOf(ImageFolder.class);
      assertThat(e.batchSize()).isEqualTo(4096);
      assertThat(e.length()).isEqualTo(Span.epochs(100));
    }
    assertThat(cpu.variants()).allMatch(v -> vit(v.experiment()).imageSize() == 32);
  }

  @Test
  void batchSizeScalesThePeakLearningRate() {
    for (Scale scale : Scale.values()) {
      double baseLr = BatchSize.base(scale).optimizer().baseLr();
      for (Sweep.Variant v : BatchSize.variants(scale)) {
        assertThat(v.experiment().peakLr()).isEqualTo(baseLr * v.experiment().batchSize() / 256);
      }
    }
    assertThat(BatchSize.variants(Scale.PAPER))
        .extracting(v -> v.experiment().batchSize())
        .containsExactly(1024, 2048, 4096, 6144);
    assertThat(BatchSize.variants(Scale.CPU).get(0).value()).contains("batch 64, lr 2.5e-4");
  }

  @Test
  void theInstabilityFiguresLearnThePatchProjection() {
    for (Scale scale : Scale.values()) {
      assertThat(vit(scale.beforeTheTrick()).patchProjection()).isEqualTo(PatchProjection.learned());
      assertThat(vit(scale.base()).patchProjection()).isEqualTo(PatchProjection.frozenRandom());
    }
    assertThat(Scale.PAPER.beforeTheTrick().optimizer()).isEqualTo(AdamW.baseLr(1e-4).weightDecay(0.1));
  }

  @Test
  void ratesAndEnumConstantsReadShort() {
    assertThat(StudySweep.rate(1.5e-4)).isEqualTo("1.5e-4");
    assertThat(StudySweep.rate(1e-3)).isEqualTo("1e-3");
    assertThat(StudySweep.rate(0.3)).isEqualTo("3e-1");
    assertThat(StudySweep.name(Pooling.GLOBAL_AVERAGE))
        .isEqualTo("global-average");
    assertThat(TrainingLength.variants(Scale.CPU))
        .extracting(Sweep.Variant::name)
        .containsExactly("300-steps", "600-steps", "1200-steps");
    assertThat(TrainingLength.variants(Scale.PAPER))
        .extracting(Sweep.Variant::name)
        .containsExactly("300-epochs", "600-epochs");
  }

  private static Vit vit(Experiment e) {
    return (Vit) e.backbone();
  }

  /** {@code head} with the BatchNorm settings of {@code from}. */
  private static Mlp batchNormOf(HeadSpec from, HeadSpec head) {
    Mlp source = (Mlp) from;
    return ((Mlp) head).withBatchNorm(source.batchNorm()).withLastBatchNorm(source.lastBatchNorm());
  }
}
