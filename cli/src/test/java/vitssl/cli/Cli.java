package vitssl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command in a test: its status and what it printed. */
record Cli(int status, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Vitssl.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Cli(status, out.toString(), err.toString());
  }

  /** The error output, which must be one line. */
  String errorLine() {
    String text = err.strip();
    if (text.contains("\n")) {
      throw new AssertionError("more than one line on stderr:\n" + err);
    }
    return text;
  }
}
