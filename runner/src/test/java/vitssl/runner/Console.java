package vitssl.runner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/** What a piece of code printed on the terminal, and its exit status. */
public record Console(int status, String out, String err) {
  /** Runs {@code command} with System.out and System.err captured. */
  public static Console capture(IntSupplier command) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    int status;
    try {
      status = command.getAsInt();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Console(
        status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
  }

  /** {@link #capture(IntSupplier)} of code without a status. */
  public static Console capture(Runnable command) {
    return capture(
        () -> {
          command.run();
          return 0;
        });
  }

  /** Whether either stream shows a Java stack trace. */
  public boolean showsAStackTrace() {
    String both = out + "\n" + err;
    return both.matches("(?s).*(\\n\\s+at [\\w.$]+\\(|Exception in thread|Caused by: ).*");
  }

  /** The lines of standard error that start with {@code error:}. */
  public java.util.List<String> errorLines() {
    return err.lines().filter(l -> l.startsWith("error:")).toList();
  }
}
