package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vitssl.augment.Batch;
import vitssl.augment.ViewShape;
import vitssl.backbone.Backbone;
import vitssl.dsl.Experiment;
import vitssl.engine.EngineSetup;
import vitssl.engine.Scalars;
import vitssl.inject.Components;
import vitssl.loss.SiameseLoss;
import vitssl.optim.GradientNorm;
import vitssl.runner.TinyRuns;
import vitssl.runner.compute.ComputePlan;
import vitssl.runner.run.Wiring;

/** One real training step on the tiny model: what must change, and what must not. */
class TrainingStepTest {
  private final Experiment experiment = TinyRuns.experiment(Path.of("unused"), Path.of("unused"));

  @Test
  void aStepMovesTheQueryEncoderButNeitherTheKeyEncoderAtMomentumOneNorTheFrozenPatchProjection() {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    try (NDManager manager = NDManager.newBaseManager()) {
      SiameseModel model = model(manager, components);
      Backbone query = model.queryBackbone();
      TrainingStep step =
          stepWith(experiment, model, components.loss(experiment.loss()), manager, components);

      List<float[]> keyBefore = values(weights(model.keyEncoder().orElseThrow().parameters()));
      List<float[]> patchBefore = values(query.layers().get("patch_embed"));
      List<float[]> blockBefore = values(query.layers().get("block_0"));

      Map<String, Object> row = new HashMap<>();
      StepResult result = step.run(batch(), shapes(), 0, 1e-2, 1.0, row);

      assertThat(result.loss()).isFinite().isPositive();
      assertThat(result.skipped()).isFalse();
      assertThat(same(values(weights(model.keyEncoder().orElseThrow().parameters())), keyBefore)).as("key encoder unchanged").isTrue();
      assertThat(same(values(query.layers().get("patch_embed")), patchBefore)).as("frozen patch projection").isTrue();
      assertThat(same(values(query.layers().get("block_0")), blockBefore)).as("block 0 trained").isFalse();
      assertThat(model.keyEncoder().orElseThrow().parameters()).noneMatch(p -> p.getArray().hasGradient());
      assertThat(row).containsKey("grad_norm_total");

      // m = 0: the key encoder becomes the query encoder of this step.
      step.run(batch(), shapes(), 1, 1e-2, 0.0, new HashMap<>());
      List<Parameter> q = weights(model.keyAlignedQueryParameters());
      List<Parameter> k = weights(model.keyEncoder().orElseThrow().parameters());
      for (int i = 0; i < q.size(); i++) {
        assertThat(k.get(i).getArray().toFloatArray()).containsExactly(q.get(i).getArray().toFloatArray());
      }
    }
  }

  /**
   * The experiment's loss, whose first {@code faultyPasses} computations add {@code sqrt(0 * sum
   * q)}: zero in value, NaN in gradient.
   */
  static final class FaultyFirstPasses implements SiameseLoss {
    private final SiameseLoss inner;
    private int faultyPasses;

    FaultyFirstPasses(SiameseLoss inner, int faultyPasses) {
      this.inner = inner;
      this.faultyPasses = faultyPasses;
    }

    @Override
    public NDArray compute(List<NDArray> queries, List<NDArray> keys) {
      NDArray total = inner.compute(queries, keys);
      if (faultyPasses-- > 0) {
        total = total.add(Scalars.mul(queries.get(0).sum(), 0).sqrt());
      }
      return total;
    }
  }

  /** The experiment's loss plus a parameter of its own, which sits out steps before {@code from}. */
  static final class OwnParameterFrozenUntil implements SiameseLoss {
    private final SiameseLoss inner;
    private final Parameter own;
    private final long from;

    OwnParameterFrozenUntil(SiameseLoss inner, NDManager manager, long from) {
      this.inner = inner;
      this.from = from;
      this.own =
          Parameter.builder()
              .setName("own")
              .setType(Parameter.Type.WEIGHT)
              .optShape(new Shape(2, 2))
              .optInitializer(new ConstantInitializer(1f))
              .build();
      own.initialize(manager, DataType.FLOAT32);
    }

    @Override
    public NDArray compute(List<NDArray> queries, List<NDArray> keys) {
      // Zero in value and in gradient: only weight decay could move the parameter.
      return inner.compute(queries, keys).add(Scalars.mul(own.getArray(), 0).sum());
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(own);
    }

    @Override
    public void beforeUpdate(long step) {
      if (parametersFrozenAt(step)) {
        GradientNorm.zero(List.of(own));
      }
    }

    @Override
    public boolean parametersFrozenAt(long step) {
      return step < from;
    }
  }

  @Test
  void aLossParameterFrozenForAStepIsNeitherDecayedNorCounted() {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    try (NDManager manager = NDManager.newBaseManager()) {
      OwnParameterFrozenUntil loss =
          new OwnParameterFrozenUntil(components.loss(experiment.loss()), manager, 1);
      TrainingStep step =
          stepWith(experiment, model(manager, components), loss, manager, components);
      Parameter own = loss.parameters().get(0);
      step.run(batch(), shapes(), 0, 1e-1, 0.99, new HashMap<>());
      assertThat(own.getArray().toFloatArray()).as("frozen at step 0").containsOnly(1f);
      step.run(batch(), shapes(), 1, 1e-1, 0.99, new HashMap<>());
      for (float v : own.getArray().toFloatArray()) {
        assertThat(v).as("decayed at step 1").isLessThan(1f);
      }
    }
  }

  private SiameseModel model(NDManager manager, Components components) {
    return TinyRuns.siameseModel(experiment, manager, components);
  }

  /** A step of {@code model} with the experiment's optimizer, no clip, no monitors, no plan. */
  static TrainingStep stepWith(
      Experiment experiment,
      SiameseModel model,
      SiameseLoss loss,
      NDManager manager,
      Components components) {
    return new TrainingStep(
        model,
        loss,
        components.optimizer(experiment.optimizer(), manager),
        Optional.empty(),
        List.of(),
        manager,
        new StepTimes(),
        ComputePlan.none());
  }

  @Test
  void aStepWithAFiniteLossButANonFiniteGradientChangesNothingAndTheNextStepTrains() {
    EngineSetup.ensureStarted();
    Components components = Wiring.of().components();
    try (NDManager manager = NDManager.newBaseManager()) {
      SiameseModel model = model(manager, components);
      TrainingStep step =
          stepWith(
              experiment,
              model,
              new FaultyFirstPasses(components.loss(experiment.loss()), 1),
              manager,
              components);
      // BatchNorm running statistics follow every forward pass, as in PyTorch; the rest must not move.
      List<Parameter> learned =
          model.trainableParameters().stream()
              .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)
              .toList();
      List<float[]> before = values(learned);

      Map<String, Object> faulty = new HashMap<>();
      StepResult skipped = step.run(batch(), shapes(), 0, 1e-2, 0.99, faulty);
      assertThat(skipped.loss()).isFinite();
      assertThat(skipped.skipped()).isTrue();
      assertThat((double) faulty.get("grad_norm_total")).isNaN();
      assertThat(same(values(learned), before)).as("nothing learned changed").isTrue();
      assertThat(GradientNorm.of(model.trainableParameters())).isZero();

      Map<String, Object> next = new HashMap<>();
      assertThat(step.run(batch(), shapes(), 1, 1e-2, 0.99, next).skipped()).isFalse();
      assertThat((double) next.get("grad_norm_total")).isFinite().isPositive();
      assertThat(same(values(learned), before)).as("trained").isFalse();
    }
  }

  static List<ViewShape> shapes() {
    return List.of(new ViewShape(3, 16, 16), new ViewShape(3, 16, 16));
  }

  static Batch batch() {
    SplittableRandom random = new SplittableRandom(5);
    float[][] views = new float[2][8 * 3 * 16 * 16];
    for (float[] view : views) {
      for (int i = 0; i < view.length; i++) {
        view[i] = (float) random.nextGaussian();
      }
    }
    return new Batch(views, new int[8], new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 8);
  }

  /**
   * Parameters without BatchNorm's running statistics, which each encoder's own training-mode
   * forward updates (MoCo v3 keeps the key encoder's to itself).
   */
  private static List<Parameter> weights(List<Parameter> parameters) {
    return parameters.stream()
        .filter(p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR)
        .toList();
  }

  private static List<float[]> values(List<Parameter> parameters) {
    List<float[]> out = new ArrayList<>();
    for (Parameter p : parameters) {
      out.add(p.getArray().toFloatArray());
    }
    return out;
  }

  private static boolean same(List<float[]> a, List<float[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
