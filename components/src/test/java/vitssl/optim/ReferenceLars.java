package vitssl.optim;

/** MoCo v3's {@code LARS.step} for one parameter, in double precision, as its Python reads. */
final class ReferenceLars implements ReferenceOptimizer {
  private final boolean adapted;
  private final double weightDecay;
  private final double momentum;
  private final double trustCoefficient;
  final double[] p;
  private final double[] mu;

  /**
   * @param adapted whether the parameter gets weight decay and the trust ratio ({@code p.ndim > 1}
   *     in MoCo v3)
   */
  ReferenceLars(
      float[] initial,
      boolean adapted,
      double weightDecay,
      double momentum,
      double trustCoefficient) {
    this.adapted = adapted;
    this.weightDecay = weightDecay;
    this.momentum = momentum;
    this.trustCoefficient = trustCoefficient;
    p = Doubles.of(initial);
    mu = new double[p.length];
  }

  @Override
  public void step(float[] g, double lr) {
    double[] dp = Doubles.of(g);
    if (adapted) {
      for (int i = 0; i < p.length; i++) {
        dp[i] += weightDecay * p[i];
      }
      double paramNorm = Doubles.norm(p);
      double updateNorm = Doubles.norm(dp);
      double q = paramNorm > 0 && updateNorm > 0 ? trustCoefficient * paramNorm / updateNorm : 1;
      for (int i = 0; i < p.length; i++) {
        dp[i] *= q;
      }
    }
    for (int i = 0; i < p.length; i++) {
      mu[i] = momentum * mu[i] + dp[i];
      p[i] -= lr * mu[i];
    }
  }

  @Override
  public float[] values() {
    return Doubles.toFloats(p);
  }
}
