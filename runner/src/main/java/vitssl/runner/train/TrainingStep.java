package vitssl.runner.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vitssl.augment.Batch;
import vitssl.augment.ViewShape;
import vitssl.engine.HostArrays;
import vitssl.loss.SiameseLoss;
import vitssl.optim.GradientNorm;
import vitssl.optim.ParameterOptimizer;
import vitssl.runner.compute.ComputePlan;
import vitssl.runner.monitor.Monitor;
import vitssl.runner.train.StepTimes.Phase;

/**
 * One optimizer step of a siamese method, explicit: every view through the key encoder and the
 * query encoder inside one gradient collector, one backward of the loss, gradient monitors, the
 * optimizer, then the momentum update of the key encoder. Everything the step creates lives in a
 * sub-manager closed at its end, so memory stays flat over any number of steps.
 *
 * <p>A step whose loss or gradient is not finite changes nothing: its gradients are zeroed, the
 * optimizer and the momentum update are skipped, and its {@link StepResult} says so, as mixed
 * precision trainers skip overflowing steps. {@link #MAX_SKIPPED_IN_A_ROW} skips in a row stop
 * the run: it has diverged.
 */
public final class TrainingStep {
  /** A gradient clip applied to one group of parameters before the optimizer step. */
  public record Clip(Collection<Parameter> group, double maxNorm) {}

  private final SiameseModel model;
  private final SiameseLoss loss;
  private final ParameterOptimizer optimizer;
  private final Optional<Clip> clip;
  private final List<Monitor> monitors;
  private final NDManager manager;
  private final List<Parameter> parameters;
  private final List<Parameter> modelParameters;
  private final StepTimes times;
  private final ComputePlan compute;
  private int skippedInARow;

  static final int MAX_SKIPPED_IN_A_ROW = 20;

  /**
   * @param compute how the step spreads over replicas and number formats ({@link
   *     ComputePlan#none()}: one device, fp32)
   */
  public TrainingStep(
      SiameseModel model,
      SiameseLoss loss,
      ParameterOptimizer optimizer,
      Optional<Clip> clip,
      List<Monitor> monitors,
      NDManager manager,
      StepTimes times,
      ComputePlan compute) {
    this.model = model;
    this.loss = loss;
    this.optimizer = optimizer;
    this.clip = clip;
    this.monitors = monitors;
    this.manager = manager;
    this.parameters = trained(model, loss);
    this.modelParameters = model.trainableParameters();
    this.times = times;
    this.compute = compute;
  }

  /** Where the step's time goes, phase by phase. */
  public StepTimes times() {
    return times;
  }

  /** The run's monitors, in spec order. */
  public List<Monitor> monitors() {
    return monitors;
  }

  /** What the optimizer steps: the query encoder, the predictor and the loss's own parameters. */
  public static List<Parameter> trained(SiameseModel model, SiameseLoss loss) {
    List<Parameter> all = new ArrayList<>(model.trainableParameters());
    all.addAll(loss.parameters());
    return all;
  }

  /**
   * Runs the step; monitor values go into {@code row}.
   *
   * @throws NonFiniteLossException after {@link #MAX_SKIPPED_IN_A_ROW} non-finite steps in a row
   */
  public StepResult run(
      Batch batch, List<ViewShape> shapes, long step, double lr, double m, Map<String, Object> row) {
    try (NDManager scope = manager.newSubManager()) {
      long t0 = System.nanoTime();
      loss.beginStep(step);
      double value = forwardAndBackward(batch, shapes, scope, t0);
      if (!Double.isFinite(value)) {
        return skip(step, value, row);
      }
      compute.afterBackward(parameters);
      loss.beforeUpdate(step);
      long t2 = System.nanoTime();
      double gradientNorm = GradientNorm.of(parameters);
      row.put("grad_norm_total", gradientNorm);
      for (Monitor monitor : monitors) {
        if (monitor.dueAt(step)) {
          monitor.onGradients(step, row);
        }
      }
      if (!Double.isFinite(gradientNorm)) {
        GradientNorm.zero(parameters);
        return skip(step, value, row);
      }
      skippedInARow = 0;
      compute.applied(row);
      clip.ifPresent(
          c -> {
            double before = GradientNorm.clip(c.group(), c.maxNorm());
            row.put("grad_norm_before_clip", before);
            row.put("grad_clip_scale", Math.min(1, c.maxNorm() / (before + 1e-6)));
          });
      long t3 = System.nanoTime();
      times.add(Phase.MONITORS, t3 - t2);
      optimizer.step(loss.parametersFrozenAt(step) ? modelParameters : parameters, lr);
      long t4 = System.nanoTime();
      times.add(Phase.OPTIMIZER, t4 - t3);
      model.updateKeyEncoder(m);
      compute.afterUpdate();
      times.add(Phase.MOMENTUM_UPDATE, System.nanoTime() - t4);
      times.countStep();
      return StepResult.applied(value);
    }
  }

  /**
   * Every view through the key encoder when the loss reads keys, then through the query encoder,
   * inside one gradient collector, then one backward pass unless the loss is not finite; returns
   * the loss. The pass's arrays live in the step's {@code scope}. Keys first: the key encoder's
   * pass keeps nothing for the backward pass but holds each block's intermediates while the block
   * runs, which after the query encoder's pass would come on top of all its activations (on ViT-B's
   * blocks, 0.32 GB more in use at the step's peak). The order changes no result while neither
   * encoder draws random numbers (no stochastic depth, the default for pre-training); with a drop
   * path rate, the key encoder's masks come first from the engine's random stream.
   */
  private double forwardAndBackward(Batch batch, List<ViewShape> shapes, NDManager scope, long started) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      List<NDArray> views = new ArrayList<>(shapes.size());
      for (int v = 0; v < shapes.size(); v++) {
        ViewShape s = shapes.get(v);
        views.add(
            HostArrays.floats(
                scope,
                batch.views()[v],
                new Shape(batch.size(), s.channels(), s.height(), s.width())));
      }
      List<NDArray> keys = model.hasKeyEncoder() ? model.keys(views) : List.of();
      List<NDArray> queries = model.queries(views);
      NDArray total = loss.compute(queries, keys);
      double value = total.getFloat();
      long forwardDone = System.nanoTime();
      times.add(Phase.FORWARD, forwardDone - started);
      if (Double.isFinite(value)) {
        collector.backward(compute.lossForBackward(total));
        times.add(Phase.BACKWARD, System.nanoTime() - forwardDone);
      }
      return value;
    }
  }

  private StepResult skip(long step, double value, Map<String, Object> row) {
    compute.skipped(row);
    times.countStep();
    if (++skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
      throw new NonFiniteLossException(step, value, skippedInARow);
    }
    return StepResult.skipped(value);
  }

  /** Loss or gradients stopped being numbers for many steps: the run has diverged. */
  static final class NonFiniteLossException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NonFiniteLossException(long step, double value, int steps) {
      super(
          "loss = " + value + " at step " + step + " after " + steps + " non-finite steps in a row:"
              + " training diverged; lower the learning rate (optimizer.baseLr), raise warmup,"
              + " or freeze the patch projection (PatchProjection.frozenRandom()), then --resume"
              + " from the last checkpoint or start again");
    }
  }
}
