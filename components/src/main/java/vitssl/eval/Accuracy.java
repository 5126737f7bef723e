package vitssl.eval;

/** Top-1 and top-5 accuracy in percent, the two figures the study reports for every probe. */
public record Accuracy(double top1, double top5) {}
