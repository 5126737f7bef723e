/**
 * The study's augmentations on the CPU in plain Java, and the loader that feeds batches of views to
 * the engine. Images are worked on as planar floats in [0, 1] (see {@link vitssl.augment.Planar});
 * each op follows torchvision's semantics as MoCo v3 uses them (arXiv 2104.02057).
 */
package vitssl.augment;
