package vitssl.data;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a run going past images that cannot be decoded. A bad image {@code i} is named once on
 * the console and replaced by the next image after it (wrapping round) that decodes, with that
 * image's label; as the replacement depends only on the files, batches keep their size and every
 * run of the same data sees the same images whatever the number of loader threads. Past {@code
 * ceil(maxFraction x size)} bad images the source fails with a message naming the first of them.
 *
 * <p>A bad image is decoded once: later visits go straight to its replacement. {@link
 * #label(int)} of a bad image is its replacement's, so a loader that asks for the image first (as
 * every loader does) gets a consistent pair. Safe for several threads.
 */
public final class CorruptImageGuard implements ImageSource {
  private static final int NAMED = 5;

  private final ImageSource source;
  private final String split;
  private final int allowed;
  private final Map<Integer, Integer> replacements = new ConcurrentHashMap<>();
  private final Map<Integer, String> problems = new ConcurrentHashMap<>();

  /** @param split the split's name for messages, e.g. "training" */
  public CorruptImageGuard(ImageSource source, String split, double maxFraction) {
    this.source = source;
    this.split = split;
    this.allowed = (int) Math.ceil(maxFraction * source.size() - 1e-9);
  }

  @Override
  public int size() {
    return source.size();
  }

  @Override
  public int label(int i) {
    return source.label(replacements.getOrDefault(i, i));
  }

  @Override
  public List<String> classes() {
    return source.classes();
  }

  @Override
  public RgbImage image(int i) {
    Integer known = replacements.get(i);
    if (known != null) {
      return source.image(known);
    }
    for (int step = 0; step < source.size(); step++) {
      int candidate = Math.floorMod(i + step, source.size());
      Integer replaced = replacements.get(candidate);
      if (replaced != null) {
        candidate = replaced;
      }
      try {
        RgbImage image = source.image(candidate);
        if (candidate != i) {
          replacements.put(i, candidate);
        }
        return image;
      } catch (DataException bad) {
        record(candidate, bad);
      }
    }
    throw new DataException("no image of the " + split + " split can be decoded: " + firstBad());
  }

  @Override
  public String name(int i) {
    return source.name(i);
  }

  @Override
  public int replacedImages() {
    return problems.size();
  }

  private void record(int bad, DataException why) {
    if (problems.putIfAbsent(bad, why.getMessage()) != null) {
      return;
    }
    System.out.println("skipping an undecodable " + split + " image: " + source.name(bad));
    if (problems.size() > allowed) {
      throw new DataException(
          problems.size() + " of the " + source.size() + " " + split + " images cannot be decoded,"
              + " more than ImageFolder.maxCorruptFraction allows (" + allowed + "); first: "
              + firstBad() + ". Replace or remove these files, or raise maxCorruptFraction");
    }
  }

  /** The first few bad images by position, with the first one's reason. */
  private String firstBad() {
    List<Integer> first = problems.keySet().stream().sorted().limit(NAMED).toList();
    StringBuilder out = new StringBuilder();
    for (Integer i : first) {
      out.append(out.length() == 0 ? "" : ", ").append(source.name(i));
    }
    if (problems.size() > first.size()) {
      out.append(" and ").append(problems.size() - first.size()).append(" more");
    }
    return out.toString();
  }
}
