package vitssl.inject;

import ai.djl.nn.Block;
import vitssl.dsl.head.HeadSpec;

/** Builds a head (projector or predictor) for an input of the given width. */
@FunctionalInterface
public interface HeadFactory<S extends HeadSpec> {
  Block build(S spec, int inputWidth);
}
