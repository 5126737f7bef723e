package vitssl.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One option that a command (the runner's {@code --spec}, a sweep's {@code --emit-specs}) reads
 * before {@link RunOptions} parses the rest: the option's value, if given, and the other
 * arguments in their order.
 */
record CommandLineFlag(Optional<String> value, String[] rest) {
  static CommandLineFlag take(String[] args, String flag) {
    Optional<String> value = Optional.empty();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].equals(flag)) {
        rest.add(args[i]);
        continue;
      }
      if (value.isPresent()) {
        throw new IllegalArgumentException(flag + " given twice: pass it once");
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        throw new IllegalArgumentException(flag + " needs a value (a path)");
      }
      value = Optional.of(args[++i]);
    }
    return new CommandLineFlag(value, rest.toArray(new String[0]));
  }
}
