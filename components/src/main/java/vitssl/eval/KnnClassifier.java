package vitssl.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import vitssl.dsl.monitor.Knn;

/**
 * Weighted cosine k-nearest-neighbour classifier (Wu et al. 2018, InstDisc; the form of lightly's
 * {@code knn_predict}): bank and query features are L2-normalised, each query's k most similar bank
 * features vote for their class with weight exp(similarity / T), and the class with the largest
 * total wins. The study monitors it during training because it is cheap and shows the dips that the
 * final accuracy hides.
 *
 * <p>Queries go through in chunks: the matrix product and the top-k run on the engine, the vote in
 * Java. A chunk holds at most {@code queryChunk} queries and at most {@link #SIMILARITY_BUDGET}
 * similarities, whichever is fewer. Each chunk's similarity matrix is freed and allocated again
 * among smaller blocks, which fragments a C heap that keeps freed memory (as {@code bin/vitssl}'s
 * does): 1,000 queries against a 50,000-image bank of width 128 added 0.46 to 1.8 GB to the
 * process at its peak, 83 (the budget's) about 100 MB, for a kNN 10 to 25% slower.
 *
 * <p>Ties are broken so that every run gives the same answer: among bank features equally similar
 * at the k-th place the lower bank index is taken, and among classes with equal scores the lower
 * class index wins.
 */
public final class KnnClassifier {
  /** Queries per similarity chunk at most: bounded memory at full engine speed. */
  public static final int DEFAULT_QUERY_CHUNK = 1000;

  /** Similarities a chunk holds at most (16 MB of floats), unless that is under 16 queries. */
  public static final long SIMILARITY_BUDGET = 1L << 22;

  private static final int MIN_QUERY_CHUNK = 16;

  private static final double NORM_EPSILON = 1e-12;

  private final int k;
  private final double temperature;
  private final int queryChunk;

  public KnnClassifier(int k, double temperature, int queryChunk) {
    if (k < 1) {
      throw new IllegalArgumentException(
          "KnnClassifier k = " + k + ": use k >= 1 (200 in the SSL libraries)");
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException(
          "KnnClassifier temperature = " + temperature + ": use a positive temperature (0.1)");
    }
    if (queryChunk < 1) {
      throw new IllegalArgumentException(
          "KnnClassifier queryChunk = " + queryChunk + ": use at least one query per chunk (1000)");
    }
    this.k = k;
    this.temperature = temperature;
    this.queryChunk = queryChunk;
  }

  /** The classifier a {@link Knn} monitor spec describes (k = 200, T = 0.1 by default). */
  public static KnnClassifier of(Knn spec) {
    return new KnnClassifier(spec.k(), spec.temperature(), DEFAULT_QUERY_CHUNK);
  }

  /**
   * Top-1 and top-5 accuracy of the queries against the bank.
   *
   * @param bank features {@code [N, D]} with {@code bankLabels[i]} the class of row i; N >= k
   * @param queries features {@code [M, D]} with their true classes
   */
  public Accuracy evaluate(NDArray bank, int[] bankLabels, NDArray queries, int[] queryLabels) {
    Labels.check("knn queries", queries, queryLabels);
    ClassRanking ranking = new ClassRanking();
    vote(
        bank,
        bankLabels,
        queries,
        Labels.classCount(bankLabels, queryLabels),
        (query, scores) -> ranking.add(scores, queryLabels[query]));
    return ranking.accuracy();
  }

  /** The predicted class of every query row. */
  public int[] predict(NDArray bank, int[] bankLabels, NDArray queries) {
    int[] predictions = new int[Math.toIntExact(queries.getShape().get(0))];
    vote(
        bank,
        bankLabels,
        queries,
        Labels.classCount(bankLabels),
        (query, scores) -> predictions[query] = ClassRanking.argmax(scores));
    return predictions;
  }

  private interface ScoreSink {
    void accept(int query, double[] classScores);
  }

  private void vote(NDArray bank, int[] bankLabels, NDArray queries, int classes, ScoreSink sink) {
    Labels.check("knn bank", bank, bankLabels);
    checkShapes(bank, queries);
    int queryCount = Math.toIntExact(queries.getShape().get(0));
    int perChunk = queriesPerChunk(this.queryChunk, bank.getShape().get(0));
    try (NDManager scope = bank.getManager().newSubManager()) {
      NDArray bankUnitT = unit(bank.get(scope, new NDIndex(":"))).transpose();
      for (int from = 0; from < queryCount; from += perChunk) {
        int to = Math.min(queryCount, from + perChunk);
        try (NDManager chunk = scope.newSubManager()) {
          NDArray query = unit(queries.get(chunk, new NDIndex("{}:{}", from, to)));
          NDArray similarity = query.matMul(bankUnitT);
          long[] neighbours = neighbours(similarity);
          double[] scores = new double[classes];
          for (int row = 0; row < to - from; row++) {
            Arrays.fill(scores, 0);
            for (int j = row * k; j < (row + 1) * k; j++) {
              int index = (int) (neighbours[j] >>> 32);
              float sim = Float.intBitsToFloat((int) neighbours[j]);
              scores[bankLabels[index]] += Math.exp(sim / temperature);
            }
            sink.accept(from + row, scores);
          }
        }
      }
    }
  }

  /**
   * Queries per chunk against a bank of {@code bankSize}: {@code queryChunk}, fewer where that
   * would hold more than {@link #SIMILARITY_BUDGET} similarities, never under 16.
   */
  static int queriesPerChunk(int queryChunk, long bankSize) {
    long withinBudget = Math.max(MIN_QUERY_CHUNK, SIMILARITY_BUDGET / Math.max(1, bankSize));
    return (int) Math.min(queryChunk, withinBudget);
  }

  /**
   * The k neighbours of each row of {@code similarity}, each packed as (bank index << 32 | float
   * bits of the similarity) and sorted by bank index, so that the vote adds them in one fixed
   * order. The top k + 1 show whether the k-th place is tied: only then is the row read whole.
   */
  private long[] neighbours(NDArray similarity) {
    int rows = Math.toIntExact(similarity.getShape().get(0));
    int take = Math.toIntExact(Math.min(k + 1L, similarity.getShape().get(1)));
    NDList top = similarity.topK(take, 1, true, true);
    float[] topValues = top.get(0).toFloatArray();
    long[] topIndices = top.get(1).toType(DataType.INT64, false).toLongArray();
    long[] packed = new long[rows * k];
    for (int row = 0; row < rows; row++) {
      int first = row * take;
      float kth = topValues[first + k - 1];
      if (take > k && topValues[first + k] == kth) {
        breakTie(similarity.get(row).toFloatArray(), kth, packed, row * k);
      } else {
        for (int j = 0; j < k; j++) {
          packed[row * k + j] = pack(topIndices[first + j], topValues[first + j]);
        }
      }
      Arrays.sort(packed, row * k, (row + 1) * k);
    }
    return packed;
  }

  /**
   * More than k features reach the k-th similarity: take those above it, then the lowest indices.
   */
  private void breakTie(float[] row, float kth, long[] packed, int offset) {
    int filled = 0;
    for (int i = 0; i < row.length; i++) {
      if (row[i] > kth) {
        packed[offset + filled++] = pack(i, row[i]);
      }
    }
    for (int i = 0; i < row.length && filled < k; i++) {
      if (row[i] == kth) {
        packed[offset + filled++] = pack(i, row[i]);
      }
    }
  }

  private static long pack(long index, float similarity) {
    return index << 32 | (Float.floatToRawIntBits(similarity) & 0xffffffffL);
  }

  private void checkShapes(NDArray bank, NDArray queries) {
    if (queries.getShape().dimension() != 2
        || queries.getShape().get(1) != bank.getShape().get(1)) {
      throw new IllegalArgumentException(
          "knn queries have shape "
              + queries.getShape()
              + " but the bank has "
              + bank.getShape()
              + ": extract both with the same backbone, as [samples, width]");
    }
    if (bank.getShape().get(0) < k) {
      throw new IllegalArgumentException(
          "knn bank has "
              + bank.getShape().get(0)
              + " features but k = "
              + k
              + ": use a bank of at least k features or a smaller k");
    }
  }

  /**
   * {@code features} as floats, each row scaled to unit length; the result stays in the manager of
   * {@code features}, which the caller takes as a view in its own scope.
   */
  private static NDArray unit(NDArray features) {
    return features.toType(DataType.FLOAT32, false).normalize(2, 1, NORM_EPSILON);
  }
}
