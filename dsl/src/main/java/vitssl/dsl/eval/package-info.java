/** Evaluation after pre-training: the final kNN and the linear probe. */
@SpecStyle
package vitssl.dsl.eval;

import vitssl.dsl.SpecStyle;

