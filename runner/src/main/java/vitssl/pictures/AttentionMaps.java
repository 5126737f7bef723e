package vitssl.pictures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import vitssl.augment.ImageTransform;
import vitssl.backbone.ClassTokenAttention;
import vitssl.backbone.VisionTransformer;
import vitssl.data.ImageSource;
import vitssl.engine.HostArrays;

/**
 * Where a ViT's class token looks in the last block: one row per image, the image as the encoder
 * sees it (its eval view), then the mean over heads, then each head, every map scaled to its own
 * maximum and laid over the image (bright where the class token attends).
 */
public final class AttentionMaps {
  private static final int CELL = 96;
  private static final int PAD = 4;

  private AttentionMaps() {}

  /**
   * @param view the encoder's eval view (one view per image), for the pixels it is given
   * @param rows how many images of {@code source}, drawn by {@code seed}
   */
  public static byte[] draw(
      VisionTransformer vit,
      ImageSource source,
      ImageTransform view,
      int rows,
      long seed,
      NDManager manager) {
    int[] chosen = Pictures.sample(source.size(), rows, seed);
    int size = vit.spec().imageSize();
    int channels = vit.spec().channels();
    int length = channels * size * size;
    float[][] pixels = {new float[chosen.length * length]};
    for (int i = 0; i < chosen.length; i++) {
      view.apply(source.image(chosen[i]), new SplittableRandom(seed), pixels, i);
    }
    int heads = vit.spec().heads();
    int grid = vit.spec().gridSize();
    float[] maps;
    try (NDManager scope = manager.newSubManager()) {
      NDArray images =
          HostArrays.floats(scope, pixels[0], new Shape(chosen.length, channels, size, size));
      maps = ClassTokenAttention.of(vit, new ParameterStore(scope, false), images).toFloatArray();
    }
    int cols = heads + 2;
    BufferedImage sheet = Pictures.blank(cols * (CELL + PAD), chosen.length * (CELL + PAD));
    Graphics2D g = sheet.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    for (int r = 0; r < chosen.length; r++) {
      BufferedImage image = Pictures.picture(source.image(chosen[r]), size);
      int y = r * (CELL + PAD);
      g.drawImage(image, 0, y, CELL, CELL, null);
      double[] mean = new double[grid * grid];
      for (int h = 0; h < heads; h++) {
        double[] map = new double[grid * grid];
        for (int p = 0; p < map.length; p++) {
          map[p] = maps[(r * heads + h) * grid * grid + p];
          mean[p] += map[p] / heads;
        }
        g.drawImage(overlay(image, map, grid), (h + 2) * (CELL + PAD), y, CELL, CELL, null);
      }
      g.drawImage(overlay(image, mean, grid), CELL + PAD, y, CELL, CELL, null);
    }
    g.dispose();
    return Pictures.png(sheet);
  }

  /** The image darkened where the map is low: each pixel times its patch's map / the map's max. */
  static BufferedImage overlay(BufferedImage image, double[] map, int grid) {
    double max = 0;
    for (double v : map) {
      max = Math.max(max, v);
    }
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int patch = (y * grid / image.getHeight()) * grid + x * grid / image.getWidth();
        double weight = max > 0 ? map[patch] / max : 0;
        int rgb = image.getRGB(x, y);
        int red = (int) (((rgb >> 16) & 0xff) * weight);
        int green = (int) (((rgb >> 8) & 0xff) * weight);
        int blue = (int) ((rgb & 0xff) * weight);
        out.setRGB(x, y, red << 16 | green << 8 | blue);
      }
    }
    return out;
  }
}
