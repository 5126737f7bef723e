package vitssl.runner.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import vitssl.analysis.RunningMedian;
import vitssl.augment.Batch;
import vitssl.augment.MultiViewTransform;
import vitssl.augment.ViewShape;
import vitssl.dsl.Experiment;
import vitssl.inject.Components;
import vitssl.loss.LossContext;
import vitssl.loss.SiameseLoss;
import vitssl.runner.compute.ComputeDevices;
import vitssl.runner.compute.ComputePlan;
import vitssl.runner.monitor.ProcessMemory;

/**
 * An experiment's model trained for a few steps on fixed Gaussian batches, with no data loading,
 * under the experiment's compute spec, the way a run trains (model, loss, optimizer, momentum,
 * compute plan): to compare one compute spec, device or number format with another, and to time
 * the step alone.
 */
public final class SyntheticTraining {
  /**
   * Every step's loss, every parameter's values at the end in a fixed order, the most device memory
   * in use after any step (GPU only; 0 on the CPU), when each step ended ({@link
   * System#nanoTime()}), and the process's peak resident memory when the last step ended, read
   * before the values are copied out of the engine.
   */
  public record Outcome(
      List<Double> losses,
      List<float[]> values,
      long peakDeviceBytes,
      List<Long> stepEnds,
      double peakRssMb) {
    /** The seconds of the steps after the first (0 for a single step). */
    public double seconds() {
      return stepEnds.size() < 2 ? 0 : (stepEnds.get(stepEnds.size() - 1) - stepEnds.get(0)) / 1e9;
    }

    /** The milliseconds of each step after the first, in order. */
    public List<Double> stepMillis() {
      List<Double> millis = new ArrayList<>();
      for (int i = 1; i < stepEnds.size(); i++) {
        millis.add((stepEnds.get(i) - stepEnds.get(i - 1)) / 1e6);
      }
      return millis;
    }

    /**
     * The median of {@link #stepMillis} (the mean of the middle two for an even count; 0 for a
     * single step): the statistic the PyTorch peer's bench reports, which the slower steps of the
     * JVM's first seconds (its compiler at work on the same cores) move less than they move the
     * mean.
     */
    public double medianStepMillis() {
      return RunningMedian.of(stepMillis().stream().mapToDouble(Double::doubleValue).toArray())
          .orElse(0);
    }
  }

  private SyntheticTraining() {}

  public static Outcome train(Experiment e, Components components, int steps, double lr) {
    return train(e, components, Device.cpu(), steps, lr, steps, Optional.empty());
  }

  /**
   * @param device where the model lives when the spec lists no devices
   * @param batches how many distinct batches the steps cycle through
   * @param weights the model's starting weights (from {@link #initialWeights}); empty starts from
   *     the spec's seed on {@code device}
   */
  public static Outcome train(
      Experiment e,
      Components components,
      Device device,
      int steps,
      double lr,
      int batches,
      Optional<byte[]> weights) {
    Device main = ComputeDevices.main(e.compute(), device);
    if (main.isGpu()) {
      // What an earlier run freed stays in the caching allocator; handed back, the peak below is
      // this run's own.
      JniUtils.emptyCudaCache();
    }
    try (NDManager manager = NDManager.newBaseManager(main)) {
      SiameseLoss loss = components.loss(e.loss());
      SiameseModel model = SiameseModel.of(e, loss, components, manager);
      if (weights.isPresent()) {
        load(model, weights.get(), manager);
      }
      loss.initialize(new LossContext(manager, e.projector().outputWidth(), 10, steps));
      int size = e.backbone().imageSize();
      ComputePlan plan =
          ComputePlan.of(
              e.compute(),
              ComputeDevices.of(e.compute(), main),
              model.backbones(),
              () -> components.backbone(e.backbone()),
              manager,
              new Shape(e.batchSize() / e.compute().replicas(), e.backbone().channels(), size, size));
      plan.pass().ifPresent(model::runBackbonesWith);
      TrainingStep step =
          new TrainingStep(
              model,
              loss,
              components.optimizer(e.optimizer(), manager),
              Optional.empty(),
              List.of(),
              manager,
              new StepTimes(),
              plan);
      List<ViewShape> shapes = new MultiViewTransform(e.augmentation()).shapes();
      List<Batch> fixed = new ArrayList<>();
      for (int b = 0; b < Math.min(batches, steps); b++) {
        fixed.add(batch(shapes, e.batchSize(), b));
      }
      List<Double> losses = new ArrayList<>();
      List<Long> stepEnds = new ArrayList<>();
      long peak = 0;
      for (int s = 0; s < steps; s++) {
        losses.add(step.run(fixed.get(s % fixed.size()), shapes, s, lr, 0.9, new HashMap<>()).loss());
        stepEnds.add(System.nanoTime());
        if (main.isGpu()) {
          peak = Math.max(peak, CudaUtils.getGpuMemory(main).getUsed());
        }
      }
      double peakRssMb = ProcessMemory.peakRssMb();
      List<Parameter> all = new ArrayList<>(TrainingStep.trained(model, loss));
      model.keyEncoder().ifPresent(k -> all.addAll(k.parameters()));
      List<float[]> values = new ArrayList<>();
      for (Parameter p : all) {
        values.add(p.getArray().toDevice(Device.cpu(), false).toFloatArray());
      }
      return new Outcome(
          List.copyOf(losses), values, peak, List.copyOf(stepEnds), peakRssMb);
    }
  }

  /** The spec's initial weights (its seed, built on the CPU), to start runs on other devices. */
  public static byte[] initialWeights(Experiment e, Components components) {
    try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
      SiameseModel model = SiameseModel.of(e, components.loss(e.loss()), components, manager);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        for (Checkpoints.Part part : parts(model)) {
          part.save(out);
        }
      }
      return bytes.toByteArray();
    } catch (IOException e2) {
      throw new UncheckedIOException(e2);
    }
  }

  private static void load(SiameseModel model, byte[] weights, NDManager manager) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
      for (Checkpoints.Part part : parts(model)) {
        part.load(in, manager);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    model.initialize();
  }

  private static List<Checkpoints.Part> parts(SiameseModel model) {
    List<Checkpoints.Part> parts = new ArrayList<>();
    parts.add(Checkpoints.Part.of(model.queryEncoder().block()));
    model.predictor().ifPresent(p -> parts.add(Checkpoints.Part.of(p)));
    model.keyEncoder().ifPresent(k -> parts.add(Checkpoints.Part.of(k.block())));
    return parts;
  }

  /** Batch {@code index}: Gaussian pixels, the same for every compute spec and device. */
  public static Batch batch(List<ViewShape> shapes, int size, int index) {
    SplittableRandom random = new SplittableRandom(100 + index);
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
  public static double maxDifference(Outcome a, Outcome b) {
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
