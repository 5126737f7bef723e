package vitssl.optim;

/** torch.optim.AdamW's step for one parameter, in double precision, as its docs write it. */
final class ReferenceAdamW {
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  final double[] p;
  private final double[] m;
  private final double[] v;
  private int t;

  ReferenceAdamW(float[] initial, double beta1, double beta2, double eps, double weightDecay) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
    p = new double[initial.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = initial[i];
    }
    m = new double[p.length];
    v = new double[p.length];
  }

  void step(float[] g, double lr) {
    t++;
    for (int i = 0; i < p.length; i++) {
      p[i] -= lr * weightDecay * p[i];
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      double mHat = m[i] / (1 - Math.pow(beta1, t));
      double vHat = v[i] / (1 - Math.pow(beta2, t));
      p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
    }
  }

  float[] values() {
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = (float) p[i];
    }
    return out;
  }
}
