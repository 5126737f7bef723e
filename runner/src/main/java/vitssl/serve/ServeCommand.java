package vitssl.serve;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code serve RUNS_DIR}: the page over a folder of runs, finished or still training, until the
 * process is stopped. {@code bin/vitssl vitssl.serve.ServeCommand runs/} runs it on its own.
 */
@Command(
    name = "serve",
    description = {
      "Shows the runs under RUNS_DIR in a web browser: live curves (loss, learning rate, kNN,"
          + " first- and last-layer gradient norms, images/s, memory), spec, instability markers"
          + " and summary of each run, and several runs side by side (overlaid curves, the spec"
          + " fields that differ, their summaries in one table).",
      "The page follows runs while they train. It only reads the run folders, and listens on"
          + " this machine only (127.0.0.1) unless --allow-remote is given.",
    },
    footer = {
      "",
      "Examples:",
      "  serve runs/                 open http://127.0.0.1:8765/",
      "  serve runs/my-sweep -p 0    any free port (printed)",
      "A run shows its own page while it trains with --serve [PORT]."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(
      index = "0",
      paramLabel = "RUNS_DIR",
      description = "A run folder, or a folder holding runs (sweeps included, up to 4 levels down).")
  Path runs;

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      defaultValue = "" + ServeAddress.DEFAULT_PORT,
      description = "Port to listen on; 0 for any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = ServeAddress.LOOPBACK,
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}). An address other machines can reach"
              + " needs --allow-remote.")
  String host;

  @Option(
      names = "--allow-remote",
      description =
          "Allow a --host that is not a loopback address: anyone who reaches it can read the"
              + " runs' specs, metrics and files.")
  boolean allowRemote;

  /** Starts the server; the caller closes it. */
  RunsServer start() {
    try {
      Exposure exposure = allowRemote ? Exposure.ANY_ADDRESS : Exposure.LOOPBACK_ONLY;
      return RunsServer.start(runs, ServeAddress.of(host, port, exposure, "--allow-remote"));
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    RunsServer server = start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "vitssl-serve-stop"));
    System.out.println(
        "serving the runs under " + server.runs() + " at " + server.url() + " (Ctrl-C stops)");
    new CountDownLatch(1).await();
    return 0;
  }

  /**
   * The command line's {@code serve}, with picocli's help and exit codes; bad input is one line
   * that names it and the fix, and exits 2.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new ServeCommand())
        .setParameterExceptionHandler(
            (e, args) -> {
              e.getCommandLine().getErr().println("error: " + e.getMessage() + " (serve --help)");
              return 2;
            });
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
