package vitssl.eval;

/**
 * Turns per-class scores into predictions and accuracy. Equal scores rank the lower class index
 * first, so a tie gives the same answer on every run and on every engine.
 */
public final class ClassRanking {
  private int samples;
  private int top1;
  private int top5;

  /** The class with the highest score; the lowest index among equal scores. */
  static int argmax(double[] scores) {
    int best = 0;
    for (int c = 1; c < scores.length; c++) {
      if (scores[c] > scores[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * How many classes rank before {@code label}: those scoring higher, or equal with a lower index.
   */
  static int rankOf(double[] scores, int label) {
    double own = scores[label];
    int rank = 0;
    for (int c = 0; c < scores.length; c++) {
      if (scores[c] > own || (scores[c] == own && c < label)) {
        rank++;
      }
    }
    return rank;
  }

  /** Counts one sample; a class outside {@code scores} (never seen) is always wrong. */
  public void add(double[] scores, int label) {
    samples++;
    if (label >= scores.length) {
      return;
    }
    int rank = rankOf(scores, label);
    if (rank == 0) {
      top1++;
    }
    if (rank < 5) {
      top5++;
    }
  }

  public Accuracy accuracy() {
    if (samples == 0) {
      throw new IllegalStateException("no samples were scored: accuracy needs at least one");
    }
    return new Accuracy(100.0 * top1 / samples, 100.0 * top5 / samples);
  }
}
