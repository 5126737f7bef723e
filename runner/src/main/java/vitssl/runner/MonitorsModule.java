package vitssl.runner;

import com.google.inject.AbstractModule;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.monitor.MemoryUsage;

/** The framework's monitors: the kNN curve, per-layer gradient norms, resident memory. */
public final class MonitorsModule extends AbstractModule {
  @Override
  protected void configure() {
    RunnerBindings.monitor(binder(), Knn.class, KnnMonitor::new);
    RunnerBindings.monitor(binder(), GradientNorms.class, GradientNormMonitor::new);
    RunnerBindings.monitor(binder(), MemoryUsage.class, MemoryMonitor::new);
  }
}
