package vitssl.encoder;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import vitssl.data.DataException;

/**
 * Runs a picocli command as {@code bin/vitssl} does: wrong flags get picocli's message and usage;
 * a wrong checkpoint, folder or file gets one line, {@code error: ...}, and exit code 2 (3 for a
 * file that cannot be read or written), never a stack trace.
 */
public final class CommandLines {
  private CommandLines() {}

  /** The exit code of running {@code command} on {@code args}, printing to the terminal. */
  public static int execute(Object command, String... args) {
    return execute(
        command,
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  /** The exit code of running {@code command} on {@code args}, printing to {@code out} and {@code err}. */
  public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(command)
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, line, parsed) -> {
              if (e instanceof IllegalArgumentException
                  || e instanceof IllegalStateException
                  || e instanceof DataException) {
                line.getErr().println("error: " + e.getMessage());
                line.getErr().flush();
                return 2;
              }
              if (e instanceof UncheckedIOException) {
                line.getErr().println("error: " + e.getMessage());
                line.getErr().flush();
                return 3;
              }
              throw e;
            })
        .execute(args);
  }
}
