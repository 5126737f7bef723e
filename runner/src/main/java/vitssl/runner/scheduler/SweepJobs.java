package vitssl.runner.scheduler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a scheduler needs to run an emitted sweep: the manifest beside the specs, then the
 * scheduler's own files. The specs must already be in the request's folder, in variant order.
 */
public final class SweepJobs {
  /** The system property (set by bin/vitssl) naming the folder vitssl lives in. */
  public static final String HOME_PROPERTY = "vitssl.home";

  private SweepJobs() {}

  /**
   * @param launcher the command that runs a main class of vitssl where the jobs run
   * @param gpus the GPUs one variant's run lists (0 for CPU runs)
   * @return every file written, the manifest first
   */
  public static List<Path> write(
      EmitRequest request, SweepManifest manifest, List<Path> specs, String launcher, int gpus) {
    if (request.scheduler() == JobScheduler.K8S) {
      for (SweepManifest.Entry entry : manifest.variants()) {
        if (Path.of(entry.run()).isAbsolute()) {
          throw new IllegalArgumentException(
              "--out " + manifest.folder() + ": the run folders of a Kubernetes sweep live on its"
                  + " volume claim, so give a relative folder (or none)");
        }
      }
    }
    List<Path> files = new ArrayList<>();
    files.add(manifest.write(request.dir()));
    SweepJob job =
        new SweepJob(
            manifest.name(),
            request.dir().toAbsolutePath(),
            specs.stream().map(Path::toAbsolutePath).toList(),
            Path.of("").toAbsolutePath(),
            launcher,
            gpus);
    files.addAll(
        switch (request.scheduler()) {
          case SLURM -> SlurmArray.write(job);
          case K8S -> KubernetesJobs.write(job, request.image().orElseThrow(), request.claim());
        });
    return files;
  }

  /** bin/vitssl where this process was started by it; the jobs run the same checkout. */
  public static String localLauncher() {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null) {
      throw new IllegalArgumentException(
          "--emit: start the sweep with bin/vitssl, so its jobs know where vitssl lives");
    }
    return Path.of(home, "bin", "vitssl").toAbsolutePath().toString();
  }

  /** The launcher inside a Kubernetes image. */
  public static String imageLauncher() {
    return KubernetesJobs.HOME + "/bin/vitssl";
  }
}
