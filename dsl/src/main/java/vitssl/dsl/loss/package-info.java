/** Self-supervised losses. */
@SpecStyle
package vitssl.dsl.loss;

import vitssl.dsl.SpecStyle;
