package vitssl.pictures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;
import vitssl.engine.Scalars;

/**
 * Query images and their nearest neighbours by cosine similarity of the encoder's features: one
 * row per query (the query, a gap, then its top {@link #K}), each neighbour framed green when its
 * class is the query's and red when not. What a kNN classifier sees, image by image.
 */
public final class NeighbourGrid {
  public static final int K = 8;
  private static final int CELL = 64;
  private static final int PAD = 4;

  private NeighbourGrid() {}

  /**
   * @param queries the query images, with {@code queryFeatures} ({@code [queries.size(), width]})
   * @param bank the images searched, with {@code bankFeatures} ({@code [bank.size(), width]})
   * @param rows how many queries, drawn by {@code seed}
   */
  public static byte[] draw(
      ImageSource queries,
      NDArray queryFeatures,
      ImageSource bank,
      NDArray bankFeatures,
      int rows,
      long seed) {
    int[] chosen = Pictures.sample(queries.size(), rows, seed);
    int k = Math.min(K, bank.size());
    float[] similarity;
    int n = bank.size();
    try (NDManager scope = bankFeatures.getManager().newSubManager()) {
      long[] index = Arrays.stream(chosen).asLongStream().toArray();
      NDArray picked = queryFeatures.get(new NDIndex("{}", scope.create(index)));
      NDArray unitQueries = picked.div(Scalars.add(picked.norm(new int[] {1}, true), 1e-12));
      NDArray dots = unitQueries.matMul(bankFeatures.transpose());
      similarity = dots.div(Scalars.add(bankFeatures.norm(new int[] {1}), 1e-12)).toFloatArray();
    }
    BufferedImage grid = Pictures.blank((k + 2) * (CELL + PAD), chosen.length * (CELL + PAD));
    Graphics2D g = grid.createGraphics();
    for (int r = 0; r < chosen.length; r++) {
      int q = chosen[r];
      int y = r * (CELL + PAD);
      cell(g, queries.image(q), 0, y, Color.GRAY);
      int[] nearest = nearest(Arrays.copyOfRange(similarity, r * n, (r + 1) * n), k);
      for (int i = 0; i < nearest.length; i++) {
        boolean same = bank.label(nearest[i]) == queries.label(q);
        cell(g, bank.image(nearest[i]), (i + 2) * (CELL + PAD), y, same ? Color.GREEN.darker() : Color.RED);
      }
    }
    g.dispose();
    return Pictures.png(grid);
  }

  /** The {@code k} positions of the highest scores, highest first (the lower position on ties). */
  static int[] nearest(float[] scores, int k) {
    int[] best = new int[k];
    double[] top = new double[k];
    Arrays.fill(top, Double.NEGATIVE_INFINITY);
    for (int j = 0; j < scores.length; j++) {
      double s = scores[j];
      int at = k;
      while (at > 0 && s > top[at - 1]) {
        at--;
      }
      if (at < k) {
        System.arraycopy(top, at, top, at + 1, k - at - 1);
        System.arraycopy(best, at, best, at + 1, k - at - 1);
        top[at] = s;
        best[at] = j;
      }
    }
    return best;
  }

  private static void cell(Graphics2D g, RgbImage image, int x, int y, Color frame) {
    g.setColor(frame);
    g.fillRect(x, y, CELL + PAD - 1, CELL + PAD - 1);
    g.drawImage(Pictures.picture(image, CELL - 1), x + PAD / 2, y + PAD / 2, null);
  }
}
