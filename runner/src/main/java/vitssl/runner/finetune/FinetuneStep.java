package vitssl.runner.finetune;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import vitssl.augment.Batch;
import vitssl.augment.ViewShape;
import vitssl.engine.HostArrays;
import vitssl.optim.GradientNorm;
import vitssl.optim.ParameterOptimizer;

/**
 * One optimizer step of fine-tuning: the batch through the classifier in training mode, the
 * smoothed cross-entropy, one backward pass, then each lr group stepped at its share of the
 * scheduled rate. Everything the step creates lives in a sub-manager closed at its end.
 */
final class FinetuneStep {
  /** What a step measured: its loss, the batch's top-1 (%) and the gradient's global norm. */
  record Result(double loss, double batchTop1, double gradientNorm) {}

  private final Classifier classifier;
  private final SmoothedCrossEntropy loss;
  private final ParameterOptimizer optimizer;
  private final List<LrGroup> groups;
  private final NDManager manager;

  FinetuneStep(
      Classifier classifier,
      SmoothedCrossEntropy loss,
      ParameterOptimizer optimizer,
      List<LrGroup> groups,
      NDManager manager) {
    this.classifier = classifier;
    this.loss = loss;
    this.optimizer = optimizer;
    this.groups = groups;
    this.manager = manager;
  }

  Result run(Batch batch, ViewShape shape, long step, double lr) {
    try (NDManager scope = manager.newSubManager()) {
      int n = batch.size();
      NDArray images =
          HostArrays.floats(
              scope, batch.views()[0], new Shape(n, shape.channels(), shape.height(), shape.width()));
      long[] classes = new long[n];
      for (int i = 0; i < n; i++) {
        classes[i] = batch.labels()[i];
      }
      NDArray labels = scope.create(classes);
      double value;
      double top1;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = classifier.logits(images, true);
        NDArray total = loss.of(logits, labels);
        value = total.getFloat();
        if (!Double.isFinite(value)) {
          throw new IllegalStateException(
              "fine-tuning loss = " + value + " at step " + (step + 1) + ": training diverged;"
                  + " lower the learning rate (optimizer.baseLr) or raise the warmup");
        }
        collector.backward(total);
        top1 = 100.0 * logits.argMax(1).eq(labels).sum().getLong() / n;
      }
      double norm = GradientNorm.of(classifier.parameters());
      for (LrGroup group : groups) {
        optimizer.step(group.parameters(), lr * group.scale());
      }
      return new Result(value, top1, norm);
    }
  }
}
