package vitssl.runner.monitor;

import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.optim.GradientNorm;

/**
 * Per-layer L2 norms of the query backbone's gradient before the optimizer step: the first layer
 * (the patch projection of a ViT), every block, the last layer. Logged as {@code grad_norm.<layer>}
 * in layer order. A frozen layer has no gradient and is left out.
 */
final class GradientNormsMonitor implements Monitor {
  private final GradientNorms spec;
  private final LinkedHashMap<String, List<Parameter>> layers;

  GradientNormsMonitor(GradientNorms spec, RunContext run) {
    this.spec = spec;
    this.layers = run.backbone().layers();
  }

  @Override
  public boolean dueAt(long step) {
    return Monitor.endsEvery(step, spec.every());
  }

  @Override
  public void onGradients(long step, Map<String, Object> row) {
    for (Map.Entry<String, List<Parameter>> layer : layers.entrySet()) {
      if (layer.getValue().stream().anyMatch(Parameter::requiresGradient)) {
        row.put("grad_norm." + layer.getKey(), GradientNorm.of(layer.getValue()));
      }
    }
  }
}
