package org.example.vitssl;

import com.google.inject.AbstractModule;
import vitssl.inject.Bindings;

/** Installing this module is all it takes for experiments to use {@link SmallConvNet}. */
public final class SmallConvNetModule extends AbstractModule {
  @Override
  protected void configure() {
    Bindings.backbone(binder(), SmallConvNet.class, new SmallConvNetFactory());
  }
}
