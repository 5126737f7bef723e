package vitssl.runner;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import vitssl.augment.Batch;
import vitssl.augment.MultiViewTransform;
import vitssl.augment.ViewShape;
import vitssl.dsl.Experiment;
import vitssl.inject.Components;
import vitssl.model.Backbone;
import vitssl.runner.compute.ComputeDevices;
import vitssl.runner.compute.ComputePlan;
import vitssl.train.LossContext;
import vitssl.train.MomentumUpdate;
import vitssl.train.SiameseLoss;

/**
 * Trains an experiment's model for a few steps on fixed random batches, under the experiment's
 * compute spec, the way a run does (model, loss, optimizer, momentum, compute plan), and returns
 * every learned value and the losses: for comparing one compute spec with another.
 */
final class ReplicatedSteps {
  /** Losses of every step, and every parameter's values at the end, in a fixed order. */
  record Outcome(List<Double> losses, List<float[]> values) {}

  private ReplicatedSteps() {}

  static Outcome train(Experiment e, Components components, int steps, double lr) {
    return train(e, components, steps, lr, steps);
  }

  /** As {@link #train}, cycling through {@code batches} distinct batches, so a model can learn them. */
  static Outcome train(Experiment e, Components components, int steps, double lr, int batches) {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      SiameseModel model = Run.buildModel(e, components, manager);
      Backbone query = model.queryBackbone();
      Backbone key = model.keyBackbone();
      MomentumUpdate momentum =
          new MomentumUpdate(model.keyAlignedQueryParameters(), model.keyParameters());
      momentum.copy();
      SiameseLoss loss = components.loss(e.loss());
      loss.initialize(new LossContext(manager, e.projector().outputWidth(), 10, steps));
      ComputePlan plan =
          ComputePlan.of(
              e.compute(),
              ComputeDevices.of(e.compute(), Device.cpu()),
              query,
              key,
              () -> components.backbone(e.backbone()),
              manager,
              new Shape(e.batchSize() / e.compute().replicas(), 3, e.backbone().imageSize(), e.backbone().imageSize()));
      plan.pass().ifPresent(model::runBackbonesWith);
      TrainingStep step =
          new TrainingStep(
              model,
              loss,
              components.optimizer(e.optimizer(), manager),
              momentum,
              Optional.empty(),
              List.of(),
              manager,
              new StepTimes(),
              plan);
      List<ViewShape> shapes = new MultiViewTransform(e.augmentation()).shapes();
      List<Double> losses = new ArrayList<>();
      for (int s = 0; s < steps; s++) {
        losses.add(step.run(batch(shapes, e.batchSize(), s % batches), shapes, s, lr, 0.9, new HashMap<>()));
      }
      List<Parameter> all = new ArrayList<>(TrainingStep.trained(model, loss));
      all.addAll(model.keyParameters());
      List<float[]> values = new ArrayList<>();
      for (Parameter p : all) {
        values.add(p.getArray().toFloatArray());
      }
      return new Outcome(Collections.unmodifiableList(losses), values);
    }
  }

  /** Step {@code step}'s batch: Gaussian pixels, the same for every compute spec. */
  static Batch batch(List<ViewShape> shapes, int size, int step) {
    SplittableRandom random = new SplittableRandom(100 + step);
    float[][] views = new float[shapes.size()][];
    for (int v = 0; v < views.length; v++) {
      ViewShape s = shapes.get(v);
      views[v] = new float[size * s.length()];
      for (int i = 0; i < views[v].length; i++) {
        views[v][i] = (float) random.nextGaussian();
      }
    }
    int[] indices = new int[size];
    for (int i = 0; i < size; i++) {
      indices[i] = i;
    }
    return new Batch(views, new int[size], indices, size);
  }

  /** The largest absolute difference between two outcomes' values. */
  static double maxDifference(Outcome a, Outcome b) {
    double max = 0;
    for (int p = 0; p < a.values().size(); p++) {
      float[] x = a.values().get(p);
      float[] y = b.values().get(p);
      for (int i = 0; i < x.length; i++) {
        max = Math.max(max, Math.abs(x[i] - y[i]));
      }
    }
    return max;
  }
}
