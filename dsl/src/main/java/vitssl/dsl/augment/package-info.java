/** Augmentation specs: the study's asymmetric two views and multi-crop. */
@SpecStyle
package vitssl.dsl.augment;

import vitssl.dsl.SpecStyle;
