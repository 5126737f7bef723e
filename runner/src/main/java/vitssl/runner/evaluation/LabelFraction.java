package vitssl.runner.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A fixed fraction of each class's labelled samples: the low-label protocol of SimCLR's and BYOL's
 * semi-supervised tables (1% and 10% of the labels), here for any labelled folder. Each class
 * keeps {@code round(fraction x its count)} samples, at least one, drawn without replacement by a
 * shuffle seeded with {@code seed} and the class, so a protocol names the same images every time.
 */
public record LabelFraction(double fraction, long seed) {
  /** SimCLR's and BYOL's two fractions, each with its own fixed seed. */
  public static final List<LabelFraction> SEMI_SUPERVISED =
      List.of(new LabelFraction(0.01, 1), new LabelFraction(0.10, 10));

  public LabelFraction {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "LabelFraction " + fraction + ": keep a fraction in (0, 1] of each class's labels");
    }
  }

  /** The kept samples' positions in {@code labels}, in increasing order. */
  public int[] select(int[] labels) {
    int classes = Arrays.stream(labels).max().orElse(-1) + 1;
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < labels.length; i++) {
      byClass.get(labels[i]).add(i);
    }
    List<Integer> kept = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      List<Integer> members = byClass.get(c);
      if (members.isEmpty()) {
        continue;
      }
      Collections.shuffle(members, new Random(seed * 1_000_003L + c));
      int keep = (int) Math.max(1, Math.round(fraction * members.size()));
      kept.addAll(members.subList(0, keep));
    }
    return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** "1%", "10%": how the protocol is named in eval.json. */
  public String percent() {
    double p = fraction * 100;
    return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
  }
}
