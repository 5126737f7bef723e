package vitssl.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import vitssl.encoder.command.EmbedCommand;
import vitssl.encoder.command.ExportCommand;
import vitssl.encoder.command.ImportCommand;
import vitssl.serve.ServeCommand;

/**
 * The {@code vitssl} command. Each task is a subcommand in its own class; adding one is one entry
 * in {@code subcommands} below.
 *
 * <p>{@code bin/vitssl} starts this class. A first argument that is no subcommand but a class name
 * ({@code bin/vitssl recipes.MocoV3Cifar10 --steps 20}) runs that class's {@code main}, as the
 * command did before it had subcommands, so recipes' {@code main} methods keep working.
 */
@Command(
    name = "vitssl",
    mixinStandardHelpOptions = true,
    version = "vitssl 0.1.0",
    description =
        "Self-supervised Vision Transformers on the JVM: pre-train, evaluate, fine-tune, export,"
            + " import, embed, and watch runs.",
    footer = {
      "",
      "Each command has --help, e.g. vitssl train --help. A class name in place of a command"
          + " runs that class's main: vitssl recipes.MocoV3Cifar10 --steps 20."
    },
    subcommands = {
      TrainCommand.class,
      SweepCommand.class,
      EvalCommand.class,
      FinetuneCommand.class,
      ExportCommand.class,
      ImportCommand.class,
      EmbedCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Vitssl implements Runnable {
  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do: say which exist. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "give a command: " + String.join(", ", spec.subcommands().keySet()));
  }

  public static void main(String[] args) {
    System.exit(
        execute(
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            args));
  }

  /** Runs the command line and returns its exit status: 0, 2 for bad input, 3 for a file error. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine command = commandLine().setOut(out).setErr(err);
    if (args.length > 0 && isClassName(args[0]) && !command.getSubcommands().containsKey(args[0])) {
      try {
        RecipeClass.named(args[0]).main(Arrays.copyOfRange(args, 1, args.length));
        return 0;
      } catch (RuntimeException e) {
        return OneLineErrors.report(e, err).orElseThrow(() -> e);
      }
    }
    return command.execute(args);
  }

  /** The command with its one-line error handling. */
  public static CommandLine commandLine() {
    OneLineErrors errors = new OneLineErrors();
    return new CommandLine(new Vitssl())
        .setParameterExceptionHandler(errors)
        .setExecutionExceptionHandler(errors)
        .setAbbreviatedOptionsAllowed(false)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** A dotted Java name such as {@code recipes.MocoV3Cifar10}; commands have no dots. */
  private static boolean isClassName(String arg) {
    return !arg.startsWith("-") && arg.contains(".") && arg.matches("[\\p{L}_$][\\p{L}\\p{N}_$.]*");
  }
}
