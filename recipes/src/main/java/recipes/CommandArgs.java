package recipes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vitssl.runner.run.RunOptions;

/** A recipe's command line read and rewritten before it reaches {@code Sweep.main}. */
final class CommandArgs {
  /** A sweep's scheduler options and how many values each takes. */
  private static final List<String> EMIT_FLAGS = List.of("--emit-specs", "--image", "--claim");

  private static final String EMIT = "--emit";

  private CommandArgs() {}

  /** The run options of {@code args} without the sweep's scheduler options; empty if malformed. */
  static Optional<RunOptions> runOptions(String[] args) {
    String[] run = without(without(args, EMIT_FLAGS), List.of(EMIT), 2);
    try {
      return Optional.of(RunOptions.parse(run));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code args} without each of {@code flags} and the value after it. */
  static String[] without(String[] args, List<String> flags) {
    return without(args, flags, 1);
  }

  private static String[] without(String[] args, List<String> flags, int values) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (flags.contains(args[i])) {
        i += values;
      } else {
        kept.add(args[i]);
      }
    }
    return kept.toArray(String[]::new);
  }

  /** {@code args} with {@code flag value} added at the end. */
  static String[] with(String[] args, String flag, String value) {
    String[] more = Arrays.copyOf(args, args.length + 2);
    more[args.length] = flag;
    more[args.length + 1] = value;
    return more;
  }
}
