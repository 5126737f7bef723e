/** Optimizers, learning-rate schedules and the momentum schedule. */
@SpecStyle
package vitssl.dsl.optim;

import vitssl.dsl.SpecStyle;
