package vitssl.augment;

import java.util.SplittableRandom;

/**
 * Random streams keyed by (seed, epoch, image index), so an image's views depend on nothing else:
 * not on which worker thread drew them, nor on what it drew before.
 */
public final class ImageSeeds {
  private ImageSeeds() {}

  /** The generator of image {@code index} in {@code epoch} of a run seeded by {@code seed}. */
  public static SplittableRandom random(long seed, long epoch, long index) {
    return new SplittableRandom(mix(seed, epoch, index));
  }

  /** A 64-bit hash of the three keys; each step is the SplitMix64 finaliser. */
  public static long mix(long seed, long epoch, long index) {
    long h = finalise(seed + 0x9E3779B97F4A7C15L);
    h = finalise(h + epoch * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L);
    return finalise(h + index * 0x9E3779B97F4A7C15L + 0x27D4EB2F165667C5L);
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
