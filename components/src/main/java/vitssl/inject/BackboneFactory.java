package vitssl.inject;

import vitssl.backbone.Backbone;
import vitssl.dsl.backbone.BackboneSpec;

/** Builds a backbone from its spec; bound per spec type with {@link Bindings#backbones}. */
@FunctionalInterface
public interface BackboneFactory<S extends BackboneSpec> {
  Backbone build(S spec);
}
