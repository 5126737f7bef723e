/** Monitors that run during training: kNN accuracy and per-layer gradient norms. */
@SpecStyle
package vitssl.dsl.monitor;

import vitssl.dsl.SpecStyle;
