package vitssl.runner;

import com.google.inject.AbstractModule;
import vitssl.dsl.monitor.GradientNorms;
import vitssl.dsl.monitor.Knn;

/** The framework's monitors: the kNN curve and per-layer gradient norms. */
public final class MonitorsModule extends AbstractModule {
  @Override
  protected void configure() {
    RunnerBindings.monitor(binder(), Knn.class, KnnMonitor::new);
    RunnerBindings.monitor(binder(), GradientNorms.class, GradientNormMonitor::new);
  }
}
