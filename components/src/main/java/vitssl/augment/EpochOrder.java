package vitssl.augment;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The order images are visited in: a fresh permutation per epoch (a Fisher-Yates shuffle keyed by
 * seed and epoch), or the source's own order. The two latest permutations are kept, since workers
 * straddling an epoch boundary ask for both.
 */
final class EpochOrder {
  private final int size;
  private final long seed;
  private final boolean shuffled;
  private final long[] epochs = {-1, -1};
  private final int[][] permutations = new int[2][];

  private EpochOrder(int size, long seed, boolean shuffled) {
    this.size = size;
    this.seed = seed;
    this.shuffled = shuffled;
  }

  static EpochOrder shuffled(int size, long seed) {
    return new EpochOrder(size, seed, true);
  }

  static EpochOrder sequential(int size) {
    return new EpochOrder(size, 0, false);
  }

  /** Source indices at positions {@code from .. from + count} of epoch {@code epoch}. */
  int[] indices(long epoch, int from, int count) {
    if (!shuffled) {
      int[] ids = new int[count];
      Arrays.setAll(ids, i -> from + i);
      return ids;
    }
    return Arrays.copyOfRange(permutation(epoch), from, from + count);
  }

  private synchronized int[] permutation(long epoch) {
    int slot = (int) Math.floorMod(epoch, 2L);
    if (epochs[slot] != epoch) {
      permutations[slot] = shuffle(epoch);
      epochs[slot] = epoch;
    }
    return permutations[slot];
  }

  private int[] shuffle(long epoch) {
    int[] p = new int[size];
    Arrays.setAll(p, i -> i);
    // Index -1 keys the epoch's shuffle apart from every image's own stream.
    SplittableRandom rng = ImageSeeds.random(seed, epoch, -1);
    for (int i = size - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
