package org.example.vitssl.monitor;

import com.google.inject.AbstractModule;
import vitssl.runner.monitor.MonitorBindings;

/** Installing this module is all it takes for experiments to use {@link FeatureSpread}. */
public final class FeatureSpreadModule extends AbstractModule {
  @Override
  protected void configure() {
    MonitorBindings.monitor(binder(), FeatureSpread.class, FeatureSpreadMonitor::new);
  }
}
