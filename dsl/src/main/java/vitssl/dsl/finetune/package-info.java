/** Fine-tuning a pre-trained backbone end to end with a linear classifier on labelled images. */
@SpecStyle
package vitssl.dsl.finetune;

import vitssl.dsl.SpecStyle;
