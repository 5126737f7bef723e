package vitssl.eval;


/** What the linear probe does to frozen features before fitting the classifier. */
public enum FeatureScaling {
  /**
   * Subtract the train features' per-dimension mean and divide by their standard deviation. The map
   * is affine, so it can be folded into the classifier: the probe can express the same classifiers
   * as on raw features, but plain SGD with one learning rate converges much faster when dimensions
   * share a scale. The default, because the probe's budget is fixed epochs.
   */
  STANDARDISED,
  /** Features as the backbone gives them, as in MoCo v3's {@code main_lincls}. */
  RAW
}
