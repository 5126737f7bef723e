package vitssl.runner.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import vitssl.io.AtomicFiles;

/**
 * A sweep as Kubernetes objects: {@code sweep-job.yaml} holds a ConfigMap with every spec and the
 * manifest, and an Indexed Job with one completion index per variant, each running its spec into
 * the folder the sweep expects on a persistent volume claim; {@code table-job.yaml} is a Job that
 * writes the sweep's table from the finished folders, applied once the first is complete. The
 * container image must hold vitssl, built, at {@link #HOME}.
 */
final class KubernetesJobs {
  /** Where the image holds vitssl. */
  static final String HOME = "/opt/vitssl";
  static final String SWEEP = "sweep-job.yaml";
  static final String TABLE = "table-job.yaml";
  private static final String SPECS = "/specs";
  private static final String RUNS = "/runs";

  private KubernetesJobs() {}

  static List<Path> write(SweepJob job, String image, String claim) {
    String name = resourceName(job.name());
    StringBuilder config = new StringBuilder();
    config.append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ").append(name).append("-specs\ndata:\n");
    for (Path spec : job.specs()) {
      block(config, spec.getFileName().toString(), read(spec));
    }
    block(config, SweepManifest.FILE, read(job.dir().resolve(SweepManifest.FILE)));
    StringBuilder specs = new StringBuilder("specs=(");
    for (int i = 0; i < job.specs().size(); i++) {
      specs.append(i == 0 ? "" : " ").append(SPECS).append('/').append(job.specs().get(i).getFileName());
    }
    specs.append(')');
    String sweep =
        "# The sweep " + job.name() + ": kubectl apply -f " + SWEEP + ", then, once the job is"
            + " complete\n# (kubectl wait --for=condition=complete job/" + name + " --timeout=-1s),"
            + " kubectl apply -f " + TABLE + ".\n"
            + config
            + "---\n"
            + job(name, job.specs().size(), image, claim, job.gpus(),
                List.of(specs.toString(), "exec " + job.taskCommand("${specs[$JOB_COMPLETION_INDEX]}")));
    String table =
        "# The table of the sweep " + job.name() + ", from its finished run folders; apply once"
            + " job/" + name + " is complete.\n"
            + job(name + "-table", 0, image, claim, 0,
                List.of("exec " + job.tableCommand(SPECS + "/" + SweepManifest.FILE)));
    return List.of(write(job.dir().resolve(SWEEP), sweep), write(job.dir().resolve(TABLE), table));
  }

  /** A Job running {@code lines} in bash; indexed with {@code completions > 0}. */
  private static String job(
      String name, int completions, String image, String claim, int gpus, List<String> lines) {
    StringBuilder y = new StringBuilder();
    y.append("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ").append(name).append('\n');
    y.append("spec:\n");
    if (completions > 0) {
      y.append("  completionMode: Indexed\n");
      y.append("  completions: ").append(completions).append('\n');
      y.append("  parallelism: ").append(completions).append('\n');
    }
    y.append("  backoffLimit: ").append(Math.max(1, completions) * 2).append('\n');
    y.append("  template:\n    spec:\n      restartPolicy: Never\n      containers:\n");
    y.append("        - name: vitssl\n          image: ").append(image).append('\n');
    y.append("          workingDir: ").append(RUNS).append('\n');
    y.append("          env:\n            - name: ").append(SweepJob.NO_BUILD).append("\n              value: \"1\"\n");
    y.append("          command: [\"bash\", \"-c\"]\n          args:\n            - |\n");
    for (String line : lines) {
      y.append("              ").append(line).append('\n');
    }
    if (gpus > 0) {
      y.append("          resources:\n            limits:\n              nvidia.com/gpu: ").append(gpus).append('\n');
    }
    y.append("          volumeMounts:\n");
    y.append("            - name: specs\n              mountPath: ").append(SPECS).append('\n');
    y.append("            - name: runs\n              mountPath: ").append(RUNS).append('\n');
    y.append("      volumes:\n");
    y.append("        - name: specs\n          configMap:\n            name: ").append(name.replaceFirst("-table$", "")).append("-specs\n");
    y.append("        - name: runs\n          persistentVolumeClaim:\n            claimName: ").append(claim).append('\n');
    return y.toString();
  }

  /** A ConfigMap entry holding {@code text} as a literal block. */
  private static void block(StringBuilder y, String key, String text) {
    y.append("  ").append(key).append(": |\n");
    for (String line : text.strip().split("\n", -1)) {
      y.append("    ").append(line).append('\n');
    }
  }

  /** A Kubernetes object name (RFC 1123): lower case letters, digits and '-'. */
  static String resourceName(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    String trimmed = lower.replaceAll("^-+|-+$", "");
    return trimmed.isEmpty() ? "vitssl-sweep" : trimmed.substring(0, Math.min(trimmed.length(), 52));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path write(Path file, String text) {
    AtomicFiles.writeString(file, text);
    return file;
  }
}
