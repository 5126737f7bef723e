/**
 * The losses of the siamese methods, each built from its spec ({@code InfoNce} → {@link
 * vitssl.loss.InfoNceLoss}, NT-Xent, BYOL's cosine, SwAV), behind {@link vitssl.loss.SiameseLoss}.
 */
package vitssl.loss;
