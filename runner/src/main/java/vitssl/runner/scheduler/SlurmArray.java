package vitssl.runner.scheduler;

import java.nio.file.Path;
import java.util.List;

/**
 * A sweep as Slurm jobs: {@code sweep.sbatch}, a job array with one task per variant, each
 * running its spec with the runner into the folder the sweep expects (with {@code --resume}, so a
 * requeued task continues from its checkpoint); {@code table.sbatch}, which writes the sweep's
 * table from the finished folders; and {@code submit.sh}, which submits the array and the table
 * job to start once every task succeeded. Jobs start in the folder the sweep was emitted from, so
 * the specs' relative run folders mean what they meant there; the cluster's nodes must share it.
 */
final class SlurmArray {
  static final String ARRAY = "sweep.sbatch";
  static final String TABLE = "table.sbatch";
  static final String SUBMIT = "submit.sh";

  private SlurmArray() {}

  static List<Path> write(SweepJob job) {
    Path dir = job.dir();
    Path logs = dir.resolve("logs");
    String header =
        "#!/usr/bin/env bash\n"
            + "#SBATCH --chdir=" + job.workingDir() + "\n"
            + (job.gpus() > 0 ? "#SBATCH --gres=gpu:" + job.gpus() + "\n" : "");
    String array =
        header
            + "#SBATCH --job-name=" + job.name() + "\n"
            + "#SBATCH --array=0-" + (job.specs().size() - 1) + "\n"
            + "#SBATCH --output=" + logs + "/%x-%a.out\n"
            + "# One task per variant of the sweep " + job.name() + ": each runs its spec into the"
            + " folder the sweep expects.\n"
            + "set -euo pipefail\n"
            + "export " + SweepJob.NO_BUILD + "=1\n"
            + "specs=(" + String.join(" ", job.specs().stream().map(Path::toString).toList()) + ")\n"
            + "exec " + job.taskCommand("${specs[$SLURM_ARRAY_TASK_ID]}") + "\n";
    String table =
        header
            + "#SBATCH --job-name=" + job.name() + "-table\n"
            + "#SBATCH --output=" + logs + "/%x.out\n"
            + "# The table of the sweep " + job.name() + ", from its finished run folders.\n"
            + "set -euo pipefail\n"
            + "export " + SweepJob.NO_BUILD + "=1\n"
            + "exec " + job.tableCommand(dir.resolve(SweepManifest.FILE).toString()) + "\n";
    String submit =
        "#!/usr/bin/env bash\n"
            + "# Submits the sweep " + job.name() + ": its job array, then its table job, which"
            + " starts once every task succeeded.\n"
            + "set -euo pipefail\n"
            + "cd \"$(dirname \"${BASH_SOURCE[0]}\")\"\n"
            + "mkdir -p " + logs + "\n"
            + "array=$(sbatch --parsable " + ARRAY + ")\n"
            + "array=${array%%;*}\n"
            + "table=$(sbatch --parsable --dependency=afterok:\"$array\" " + TABLE + ")\n"
            + "echo \"submitted job array $array (" + job.specs().size() + " tasks) and table job"
            + " ${table%%;*}\"\n";
    return List.of(
        job.writeScript(ARRAY, array), job.writeScript(TABLE, table), job.writeScript(SUBMIT, submit));
  }
}
