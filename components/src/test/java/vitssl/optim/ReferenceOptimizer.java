package vitssl.optim;

/** An optimizer's step for one parameter, written plainly in double precision. */
interface ReferenceOptimizer {
  void step(float[] g, double lr);

  /** The parameter's values now, rounded to float. */
  float[] values();
}
