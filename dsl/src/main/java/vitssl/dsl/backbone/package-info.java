/** Backbone specs: the Vision Transformer and its ablation axes (patch projection, position embedding, pooling). */
@SpecStyle
package vitssl.dsl.backbone;

import vitssl.dsl.SpecStyle;
