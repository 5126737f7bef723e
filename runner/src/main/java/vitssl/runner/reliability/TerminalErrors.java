package vitssl.runner.reliability;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import vitssl.data.DataException;

/**
 * How a command ends on the terminal: one line per failure, never a stack trace. The full trace
 * goes to {@code error.log} in the run folder when there is one. Exit status: 0 for a run that
 * finished or stopped on a signal, 2 for a bad spec, option or data, 3 for a file that cannot be
 * read or written, 1 for anything unforeseen.
 */
public final class TerminalErrors {
  public static final String LOG = "error.log";
  private static final String NO_SPACE = "No space left on device";

  private TerminalErrors() {}

  /**
   * Runs {@code command} and returns its exit status.
   *
   * @param runFolder the run's folder if the command got far enough to know it
   */
  public static int run(Runnable command, Supplier<Optional<Path>> runFolder) {
    try {
      command.run();
      return 0;
    } catch (RunStopped stopped) {
      System.out.println(stopped.getMessage());
      return 0;
    } catch (IllegalArgumentException | IllegalStateException | DataException e) {
      return fail(e, oneLine(e), 2, runFolder);
    } catch (UncheckedIOException e) {
      String line = oneLine(e);
      if (line.contains(NO_SPACE) && !line.contains("--out")) {
        line += "; free space on that disk, or give --out a folder on another one";
      }
      return fail(e, line, 3, runFolder);
    } catch (RuntimeException | Error e) {
      String where = log(e, runFolder).map(p -> "; the full trace is in " + p).orElse("");
      return print("unexpected " + e.getClass().getSimpleName() + ": " + oneLine(e) + where, 1);
    }
  }

  private static int fail(Throwable e, String line, int status, Supplier<Optional<Path>> runFolder) {
    log(e, runFolder);
    return print(line, status);
  }

  private static int print(String line, int status) {
    System.out.flush();
    System.err.println("error: " + line);
    return status;
  }

  /** Appends the trace to the run folder's log, when the folder exists; the log's path. */
  private static Optional<Path> log(Throwable e, Supplier<Optional<Path>> runFolder) {
    Optional<Path> folder;
    try {
      folder = runFolder.get().filter(Files::isDirectory);
    } catch (RuntimeException unknown) {
      folder = Optional.empty();
    }
    if (folder.isEmpty()) {
      return Optional.empty();
    }
    Path file = folder.get().resolve(LOG);
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    try {
      Files.writeString(
          file,
          Instant.now() + "\n" + trace + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return Optional.of(file);
    } catch (IOException full) {
      return Optional.empty(); // a full disk cannot take the trace either; the line says enough
    }
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
