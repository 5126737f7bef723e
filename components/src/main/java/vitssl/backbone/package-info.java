/**
 * Backbones from their specs: the Vision Transformer and ResNets as DJL blocks, their parts
 * (patch embedding, attention, blocks), initialisers and cost estimates.
 */
package vitssl.backbone;
