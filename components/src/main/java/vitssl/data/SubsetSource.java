package vitssl.data;

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
    int[] all = new int[source.size()];
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
    int[] picked = java.util.Arrays.copyOf(all, size);
    java.util.Arrays.sort(picked);
    return new SubsetSource(source, picked);
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
