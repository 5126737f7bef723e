package vitssl.optim;

/** timm's {@code Lamb} step for one parameter without gradient clipping, in double precision. */
final class ReferenceLamb implements ReferenceOptimizer {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  final double[] p;
  private final double[] m;
  private final double[] v;
  private int t;

  ReferenceLamb(float[] initial, double beta1, double beta2, double eps, double weightDecay) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    p = Doubles.of(initial);
    m = new double[p.length];
    v = new double[p.length];
  }

  @Override
  public void step(float[] g, double lr) {
    t++;
    double[] update = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(beta2, t)) + eps;
      update[i] = m[i] / (1 - Math.pow(beta1, t)) / denominator + weightDecay * p[i];
    }
    double weightNorm = Doubles.norm(p);
    double updateNorm = Doubles.norm(update);
    double ratio = weightNorm > 0 && updateNorm > 0 ? weightNorm / updateNorm : 1;
    for (int i = 0; i < p.length; i++) {
      p[i] -= lr * ratio * update[i];
    }
  }

  @Override
  public float[] values() {
    return Doubles.toFloats(p);
  }
}
