/** Evaluation after pre-training: the linear probe. */
@SpecStyle
package vitssl.dsl.eval;

import vitssl.dsl.SpecStyle;
