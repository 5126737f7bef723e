package vitssl.inject;

import vitssl.data.Dataset;
import vitssl.dsl.data.DataSpec;

/** Opens the splits a data spec names. */
@FunctionalInterface
public interface DataFactory<S extends DataSpec> {
  Dataset open(S spec);
}
