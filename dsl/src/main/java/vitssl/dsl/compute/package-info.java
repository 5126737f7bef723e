/** Where a run computes: the devices its batch is split over, and the number format. */
@SpecStyle
package vitssl.dsl.compute;

import vitssl.dsl.SpecStyle;
