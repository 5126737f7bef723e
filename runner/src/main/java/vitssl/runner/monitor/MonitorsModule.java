package vitssl.runner.monitor;

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
    MonitorBindings.monitor(binder(), Knn.class, KnnMonitor::new);
    MonitorBindings.monitor(binder(), GradientNorms.class, GradientNormsMonitor::new);
    MonitorBindings.monitor(binder(), MemoryUsage.class, MemoryUsageMonitor::new);
    MonitorBindings.monitor(binder(), MatmulProbe.class, MatmulProbeMonitor::new);
    MonitorBindings.monitor(binder(), OpProfile.class, OpProfileMonitor::new);
  }
}
