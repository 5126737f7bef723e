package vitssl.pictures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;

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
   * @param bank the images searched, with {@code bankFeatures}
   * @param rows how many queries, drawn by {@code seed}
   */
  public static byte[] draw(
      ImageSource queries,
      float[] queryFeatures,
      ImageSource bank,
      float[] bankFeatures,
      int width,
      int rows,
      long seed) {
    int[] chosen = Pictures.sample(queries.size(), rows, seed);
    int k = Math.min(K, bank.size());
    int cols = k + 2;
    BufferedImage grid = Pictures.blank(cols * (CELL + PAD), chosen.length * (CELL + PAD));
    Graphics2D g = grid.createGraphics();
    double[][] unitBank = new double[bank.size()][];
    for (int j = 0; j < bank.size(); j++) {
      unitBank[j] = Pictures.unitRow(bankFeatures, width, j);
    }
    for (int r = 0; r < chosen.length; r++) {
      int q = chosen[r];
      double[] query = Pictures.unitRow(queryFeatures, width, q);
      int y = r * (CELL + PAD);
      cell(g, queries.image(q), 0, y, Color.GRAY);
      int[] nearest = nearest(query, unitBank, k);
      for (int i = 0; i < nearest.length; i++) {
        boolean same = bank.label(nearest[i]) == queries.label(q);
        cell(g, bank.image(nearest[i]), (i + 2) * (CELL + PAD), y, same ? Color.GREEN.darker() : Color.RED);
      }
    }
    g.dispose();
    return Pictures.png(grid);
  }

  /** The {@code k} bank rows most similar to {@code query}, most similar first. */
  static int[] nearest(double[] query, double[][] bank, int k) {
    int[] best = new int[k];
    double[] score = new double[k];
    Arrays.fill(score, Double.NEGATIVE_INFINITY);
    for (int j = 0; j < bank.length; j++) {
      double s = 0;
      for (int d = 0; d < query.length; d++) {
        s += query[d] * bank[j][d];
      }
      int at = k;
      while (at > 0 && s > score[at - 1]) {
        at--;
      }
      if (at < k) {
        System.arraycopy(score, at, score, at + 1, k - at - 1);
        System.arraycopy(best, at, best, at + 1, k - at - 1);
        score[at] = s;
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
