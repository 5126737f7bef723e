package vitssl.dsl.optim;

/** Which parameters an optimizer decays. */
public enum WeightDecayScope {
  /** Every parameter, as MoCo v3's AdamW does. */
  ALL,
  /**
   * Only parameters of two or more dimensions: biases, norm scales and shifts, tokens of one
   * dimension are left alone, as LARS does in the study.
   */
  MATRICES_ONLY
}
