package vitssl.runner.monitor;

import ai.djl.ndarray.NDManager;
import java.util.Map;
import vitssl.dsl.monitor.MatmulProbe;
import vitssl.runner.cost.MatmulRate;

/**
 * Logs the engine's matrix-multiply rate after the step: {@code matmul_gflops}, the sustained
 * rate of the sample's calls, and {@code matmul_best_gflops}, its fastest call.
 */
final class MatmulProbeMonitor implements Monitor {
  /** Seconds of timed repeats per sample: short, so that sampling costs little of the run. */
  private static final double SECONDS = 0.25;

  private final MatmulProbe spec;

  MatmulProbeMonitor(MatmulProbe spec, RunContext run) {
    this.spec = spec;
  }

  @Override
  public boolean dueAt(long step) {
    return Monitor.endsEvery(step, spec.every());
  }

  @Override
  public void afterStep(long step, Map<String, Object> row) {
    try (NDManager manager = NDManager.newBaseManager()) {
      MatmulRate.Sample sample = MatmulRate.measure(manager, spec.size(), SECONDS);
      row.put("matmul_gflops", sample.sustained() / 1e9);
      row.put("matmul_best_gflops", sample.best() / 1e9);
    }
  }
}
