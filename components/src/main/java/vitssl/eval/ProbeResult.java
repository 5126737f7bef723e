package vitssl.eval;

/**
 * What a linear probe measured: top-1 and top-5 accuracy on the held-out features (percent), and
 * the mean cross-entropy over the last training epoch.
 */
public record ProbeResult(double top1, double top5, double finalTrainLoss) {}
