package vitssl.cli;

import java.util.List;
import vitssl.runner.Sweep;

/** A sweep recipe for the command's tests: its main records what it was given. */
public final class TinySweep {
  private TinySweep() {}

  public static List<Sweep.Variant> variants() {
    return List.of(new Sweep.Variant("only", TinyRecipe.experiment()));
  }

  public static void main(String[] args) {
    TinyRecipe.Arguments.seen = args;
  }
}
