package org.example.vitssl.monitor;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import vitssl.data.ImageSource;
import vitssl.data.SubsetSource;
import vitssl.runner.evaluation.Features;
import vitssl.runner.monitor.Monitor;
import vitssl.runner.monitor.RunContext;

/** Logs {@code feature_spread} of the query backbone on a fixed set of held-out images. */
final class FeatureSpreadMonitor implements Monitor {
  private final FeatureSpread spec;
  private final RunContext run;
  private final ImageSource images;

  FeatureSpreadMonitor(FeatureSpread spec, RunContext run) {
    this.spec = spec;
    this.run = run;
    this.images = SubsetSource.of(run.data().heldOut(), spec.images(), run.experiment().seed());
  }

  @Override
  public boolean dueAt(long step) {
    return Monitor.endsEvery(step, spec.every());
  }

  @Override
  public void afterStep(long step, Map<String, Object> row) {
    try (NDManager scope = run.manager().newSubManager()) {
      Features features = run.features().of(images, scope);
      long[] shape = features.features().getShape().getShape();
      row.put(
          "feature_spread",
          Spread.of(features.features().toFloatArray(), (int) shape[0], (int) shape[1]));
    }
  }
}
