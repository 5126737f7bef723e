package vitssl.runner;

import com.google.inject.AbstractModule;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.monitor.MatmulProbe;
import vitssl.dsl.monitor.MemoryUsage;
import vitssl.dsl.monitor.OpProfile;

/**
 * The framework's monitors: the kNN curve, per-layer gradient norms, resident memory, the
 * matrix-multiply rate, the op profiler.
 */
public final class MonitorsModule extends AbstractModule {
  @Override
  protected void configure() {
    RunnerBindings.monitor(binder(), Knn.class, KnnMonitor::new);
    RunnerBindings.monitor(binder(), GradientNorms.class, GradientNormMonitor::new);
    RunnerBindings.monitor(binder(), MemoryUsage.class, MemoryMonitor::new);
    RunnerBindings.monitor(binder(), MatmulProbe.class, MatmulProbeMonitor::new);
    RunnerBindings.monitor(binder(), OpProfile.class, OpProfileMonitor::new);
  }
}
