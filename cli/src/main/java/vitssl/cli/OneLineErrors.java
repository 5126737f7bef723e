package vitssl.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;
import vitssl.data.DataException;

/**
 * Bad input ends the command with one line on stderr that names the input and the fix, and a
 * non-zero status: 2 for a wrong flag, spec, checkpoint or folder, 3 for a file that cannot be read
 * or written. A mistyped flag gets picocli's suggestion. Any other exception is a defect and keeps
 * its stack trace.
 */
final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  static final int BAD_INPUT = 2;
  static final int FILE_ERROR = 3;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    StringBuilder line = new StringBuilder("error: ").append(e.getMessage());
    if (e instanceof UnmatchedArgumentException unmatched) {
      List<String> suggestions = unmatched.getSuggestions();
      if (!suggestions.isEmpty()) {
        line.append("; did you mean ").append(String.join(" or ", suggestions)).append('?');
      }
    }
    line.append(" (")
        .append(command.getCommandSpec().qualifiedName())
        .append(" --help lists every option)");
    command.getErr().println(line);
    return BAD_INPUT;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    Optional<Integer> status = report(e, command.getErr());
    if (status.isEmpty()) {
      throw e;
    }
    return status.get();
  }

  /** Prints one line for bad input and returns the exit status; empty for a defect. */
  static Optional<Integer> report(Exception e, PrintWriter err) {
    if (e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof DataException) {
      err.println("error: " + e.getMessage());
      return Optional.of(BAD_INPUT);
    }
    if (e instanceof UncheckedIOException) {
      err.println("error: " + e.getMessage());
      return Optional.of(FILE_ERROR);
    }
    return Optional.empty();
  }
}
