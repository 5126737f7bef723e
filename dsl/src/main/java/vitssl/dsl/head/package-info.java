/** Projection and prediction heads. */
@SpecStyle
package vitssl.dsl.head;

import vitssl.dsl.SpecStyle;
