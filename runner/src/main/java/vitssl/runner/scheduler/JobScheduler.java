package vitssl.runner.scheduler;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The job schedulers a sweep can be handed to, by their command-line names. */
public enum JobScheduler {
  /** A Slurm job array, one task per variant, and a table job that waits for them. */
  SLURM,
  /** A Kubernetes Indexed Job, one completion index per variant, and a table job to apply after. */
  K8S;

  public String commandLineName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The scheduler called {@code name} on the command line; a plain message names the choices. */
  public static JobScheduler named(String name) {
    return Arrays.stream(values())
        .filter(s -> s.commandLineName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "--emit " + name + ": name a job scheduler, one of "
                        + Arrays.stream(values())
                            .map(JobScheduler::commandLineName)
                            .collect(Collectors.joining(", "))));
  }
}
