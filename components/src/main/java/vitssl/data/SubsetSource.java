package vitssl.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed random subset of a source, the same for the whole run (the kNN monitor compares curves
 * across steps, so every measurement must use the same images).
 */
public final class SubsetSource implements ImageSource {
  private final ImageSource source;
  private final int[] picked;

  private SubsetSource(ImageSource source, int[] picked) {
    this.source = source;
    this.picked = picked;
  }

  /** {@code size} images drawn without replacement by {@code seed}; the source itself if larger. */
  public static ImageSource of(ImageSource source, int size, long seed) {
    if (size >= source.size()) {
      return source;
    }
    int[] order = drawn(source.size(), size, seed);
    return new SubsetSource(source, sorted(order, 0, size));
  }

  /** The images {@link #of} with the same arguments leaves out, in the source's order. */
  public static ImageSource rest(ImageSource source, int size, long seed) {
    if (size >= source.size()) {
      return new SubsetSource(source, new int[0]);
    }
    int[] order = drawn(source.size(), size, seed);
    return new SubsetSource(source, sorted(order, size, source.size()));
  }

  /** 0 .. n - 1 with its first {@code size} places a draw without replacement by {@code seed}. */
  private static int[] drawn(int n, int size, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < size; i++) {
      int j = i + rng.nextInt(all.length - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return all;
  }

  private static int[] sorted(int[] order, int from, int to) {
    int[] part = Arrays.copyOfRange(order, from, to);
    Arrays.sort(part);
    return part;
  }

  @Override
  public int size() {
    return picked.length;
  }

  @Override
  public int label(int i) {
    return source.label(picked[i]);
  }

  @Override
  public List<String> classes() {
    return source.classes();
  }

  @Override
  public RgbImage image(int i) {
    return source.image(picked[i]);
  }

  @Override
  public String name(int i) {
    return source.name(picked[i]);
  }

  @Override
  public int replacedImages() {
    return source.replacedImages();
  }
}
