package vitssl.augment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.AugmentationSpec;
import vitssl.dsl.augment.View;

/**
 * A PNG of the first images of a source, one row each: the original, then every view exactly as
 * the engine receives it, de-normalised for display. Pixels are enlarged by nearest neighbour, so
 * 32-pixel views stay sharp. Views use the loader's epoch-0 streams, so the sheet shows the views
 * a run seeded alike trains on first.
 */
public final class ContactSheetRenderer {
  private static final int GAP = 2;
  private static final Color BACKGROUND = new Color(40, 40, 40);

  private final AugmentationSpec spec;
  private final MultiViewTransform transform;
  private final List<Normalize> normalizers;
  private final int rows;
  private final int scale;
  private final long seed;

  public ContactSheetRenderer(AugmentationSpec spec, int rows, int scale, long seed) {
    if (rows <= 0) {
      throw new IllegalArgumentException("contact sheet rows = " + rows + ": show at least one");
    }
    if (scale <= 0) {
      throw new IllegalArgumentException(
          "contact sheet scale = " + scale + ": enlarge by a positive whole factor, e.g. 4");
    }
    this.spec = spec;
    this.transform = new MultiViewTransform(spec);
    this.normalizers = spec.views().stream().map(v -> new Normalize(v.mean(), v.std())).toList();
    this.rows = rows;
    this.scale = scale;
    this.seed = seed;
  }

  /** Renders the sheet of {@code source} and writes it as PNG to {@code out}; returns it. */
  public Path write(ImageSource source, Path out) {
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ImageIO.write(render(source), "png", out.toFile());
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the contact sheet to " + out, e);
    }
  }

  public BufferedImage render(ImageSource source) {
    int shown = Math.min(rows, source.size());
    int cell = spec.views().stream().mapToInt(View::size).max().orElseThrow();
    int columns = 1 + spec.views().size();
    BufferedImage sheet = new BufferedImage(
        (GAP + columns * (cell + GAP)) * scale,
        (GAP + shown * (cell + GAP)) * scale,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setColor(BACKGROUND);
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    g.dispose();
    for (int i = 0; i < shown; i++) {
      RgbImage image = source.image(i);
      int top = GAP + i * (cell + GAP);
      drawOriginal(sheet, image, GAP, top, cell);
      float[][] views = new float[spec.views().size()][];
      for (int v = 0; v < views.length; v++) {
        views[v] = new float[transform.shapes().get(v).length()];
      }
      transform.apply(image, ImageSeeds.random(seed, 0, i), views, 0);
      for (int v = 0; v < views.length; v++) {
        drawView(sheet, views[v], transform.shapes().get(v), normalizers.get(v),
            GAP + (v + 1) * (cell + GAP), top);
      }
    }
    return sheet;
  }

  /** The original shrunk or enlarged by nearest neighbour to fit the cell, aspect kept. */
  private void drawOriginal(BufferedImage sheet, RgbImage image, int left, int top, int cell) {
    double fit = (double) cell / Math.max(image.width(), image.height());
    int w = Math.max(1, (int) (image.width() * fit));
    int h = Math.max(1, (int) (image.height() * fit));
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int sx = Math.min(image.width() - 1, (int) (x / fit));
        int sy = Math.min(image.height() - 1, (int) (y / fit));
        int rgb = image.at(sx, sy, 0) << 16 | image.at(sx, sy, 1) << 8 | image.at(sx, sy, 2);
        fill(sheet, left + x, top + y, rgb);
      }
    }
  }

  private void drawView(
      BufferedImage sheet, float[] view, ViewShape shape, Normalize norm, int left, int top) {
    int plane = shape.height() * shape.width();
    for (int y = 0; y < shape.height(); y++) {
      for (int x = 0; x < shape.width(); x++) {
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          int ch = Math.min(c, shape.channels() - 1);
          float v = norm.invert(view[ch * plane + y * shape.width() + x], ch);
          rgb = rgb << 8 | Math.round(Math.min(1f, Math.max(0f, v)) * 255);
        }
        fill(sheet, left + x, top + y, rgb);
      }
    }
  }

  /** One source pixel as a {@code scale x scale} block. */
  private void fill(BufferedImage sheet, int x, int y, int rgb) {
    for (int dy = 0; dy < scale; dy++) {
      for (int dx = 0; dx < scale; dx++) {
        sheet.setRGB(x * scale + dx, y * scale + dy, rgb);
      }
    }
  }
}
