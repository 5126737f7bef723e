package vitssl.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vitssl.runner.run.RunOptions;

/** The serve options of a run's command line and of the {@code serve} command. */
class ServeFlagsTest {
  @TempDir Path dir;

  @Test
  void serveTakesAnOptionalPortAndListensOnLoopback() throws Exception {
    assertThat(RunOptions.parse().serve()).isEmpty();
    assertThat(RunOptions.parse("--serve").serve())
        .contains(new ServeAddress(InetAddress.getByName("127.0.0.1"), ServeAddress.DEFAULT_PORT));
    RunOptions options = RunOptions.parse("--serve", "9000", "--steps", "5");
    assertThat(options.serve().orElseThrow().port()).isEqualTo(9000);
    assertThat(options.steps()).contains(5L);
    assertThat(RunOptions.parse("--serve", "--resume").resume()).isTrue();
  }

  @Test
  void aNonLoopbackAddressNeedsItsOwnFlag() throws Exception {
    assertThatThrownBy(() -> RunOptions.parse("--serve", "--serve-host", "0.0.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0.0.0.0 is not a loopback address")
        .hasMessageContaining("--serve-allow-remote");
    assertThat(
            RunOptions.parse("--serve", "0", "--serve-host", "0.0.0.0", "--serve-allow-remote")
                .serve())
        .contains(new ServeAddress(InetAddress.getByName("0.0.0.0"), 0));
    assertThat(RunOptions.parse("--serve", "--serve-host", "::1").serve().orElseThrow().host())
        .isEqualTo(InetAddress.getByName("::1"));
    assertThatThrownBy(() -> RunOptions.parse("--serve-host", "127.0.0.1"))
        .hasMessageContaining("add --serve [PORT]");
    assertThatThrownBy(() -> RunOptions.parse("--serve", "70000"))
        .hasMessageContaining("give a port from 1 to 65535, or 0");
  }

  @Test
  void theServeCommandHasHelpAndRefusesARemoteHostInOneLine() {
    StringBuilder help = new StringBuilder();
    int helpCode = run(help, "--help");
    assertThat(helpCode).isZero();
    assertThat(help.toString())
        .contains("Usage: serve", "RUNS_DIR", "--port", "--host", "--allow-remote", "127.0.0.1");

    StringBuilder refused = new StringBuilder();
    int code = run(refused, dir.toString(), "--host", "0.0.0.0", "-p", "0");
    assertThat(code).isEqualTo(2);
    assertThat(refused.toString().lines().findFirst().orElseThrow())
        .contains("0.0.0.0 is not a loopback address")
        .contains("--allow-remote");

    StringBuilder missing = new StringBuilder();
    assertThat(run(missing, dir.resolve("none").toString())).isEqualTo(2);
    assertThat(missing.toString()).contains("is not a folder").doesNotContain("Exception");
  }

  @Test
  void theServeCommandServesTheFolderItIsGiven() throws Exception {
    ServeCommand command = new ServeCommand();
    new CommandLine(command).parseArgs(dir.toString(), "--port", "0");
    try (RunsServer server = command.start()) {
      assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
      assertThat(server.url().getPort()).isPositive();
      assertThat(server.runs()).isEqualTo(dir.toRealPath());
    }
  }

  private static int run(StringBuilder output, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintWriter writer = new PrintWriter(bytes, true);
    CommandLine line = ServeCommand.commandLine().setOut(writer).setErr(writer);
    // Only cases that end before serving: a good one would serve until the process stops.
    int code = line.execute(args);
    writer.flush();
    output.append(bytes);
    return code;
  }
}
