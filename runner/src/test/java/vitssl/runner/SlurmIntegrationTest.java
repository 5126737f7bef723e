package vitssl.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Opt-in: scripts/slurm-integration.sh on this machine (a one-node Slurm cluster, a two-variant
 * sweep submitted with --emit slurm, its table checked). Runs where VITSSL_SLURM_IT=1 and as root,
 * since it installs Debian's slurm-wlm and munge when missing and starts their daemons.
 */
class SlurmIntegrationTest {
  @Test
  void aTwoVariantSweepRunsOnALocalSlurmClusterAndItsTableIsWritten() throws Exception {
    assumeTrue(
        "1".equals(System.getenv("VITSSL_SLURM_IT")),
        "set VITSSL_SLURM_IT=1 (as root) to start a local Slurm cluster and run a sweep on it");
    Path script = Path.of("..", "scripts", "slurm-integration.sh").toAbsolutePath().normalize();
    Process process = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(40, TimeUnit.MINUTES)).isTrue();
    System.out.println(output);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("slurm-integration: PASSED", "| predictor |", "| no-predictor |");
  }
}
