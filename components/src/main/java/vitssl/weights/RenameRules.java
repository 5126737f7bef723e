package vitssl.weights;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An ordered list of whole-name patterns and their replacements; the first match renames. */
final class RenameRules {
  private record Rule(Pattern pattern, String replacement) {}

  private final String layout;
  private final List<Rule> rules = new ArrayList<>();

  RenameRules(String layout) {
    this.layout = layout;
  }

  RenameRules rule(String regex, String replacement) {
    rules.add(new Rule(Pattern.compile(regex), replacement));
    return this;
  }

  String rename(String path) {
    for (Rule rule : rules) {
      Matcher m = rule.pattern().matcher(path);
      if (m.matches()) {
        return m.replaceFirst(rule.replacement());
      }
    }
    throw new IllegalArgumentException(
        "parameter " + path + " has no name in the " + layout + " layout");
  }
}
