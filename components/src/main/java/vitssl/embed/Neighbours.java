package vitssl.embed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The nearest embeddings of a query by cosine similarity, as the kNN monitor measures it. */
public final class Neighbours {
  /** One neighbour: its row in the bank and its cosine similarity to the query. */
  public record Match(int index, double similarity) {}

  private Neighbours() {}

  /**
   * The {@code k} rows of {@code bank} most similar to {@code query}, most similar first (ties in
   * row order); fewer when the bank is smaller. A zero vector has similarity 0 to everything.
   */
  public static List<Match> nearest(float[] query, float[][] bank, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("--neighbours " + k + ": ask for at least one neighbour");
    }
    Comparator<Match> order =
        Comparator.comparingDouble(Match::similarity).reversed().thenComparingInt(Match::index);
    PriorityQueue<Match> kept = new PriorityQueue<>(order.reversed());
    double queryNorm = norm(query);
    for (int i = 0; i < bank.length; i++) {
      if (bank[i].length != query.length) {
        throw new IllegalArgumentException(
            "embedding " + i + " has width " + bank[i].length + ", the query " + query.length);
      }
      kept.add(new Match(i, cosine(query, queryNorm, bank[i])));
      if (kept.size() > k) {
        kept.poll();
      }
    }
    List<Match> out = new ArrayList<>(kept);
    out.sort(order);
    return out;
  }

  private static double cosine(float[] a, double aNorm, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    double denominator = aNorm * norm(b);
    return denominator == 0 ? 0 : dot / denominator;
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }
}
