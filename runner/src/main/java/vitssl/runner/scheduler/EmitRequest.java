package vitssl.runner.scheduler;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a sweep's command line asks of a scheduler: {@code --emit slurm|k8s DIR}, and for
 * Kubernetes {@code --image NAME} (the container image holding vitssl) and optionally {@code
 * --claim NAME} (the persistent volume claim the run folders go to). Read before the run options,
 * which get the remaining arguments.
 *
 * @param rest the other arguments, in their order
 */
public record EmitRequest(
    JobScheduler scheduler, Path dir, Optional<String> image, String claim, String[] rest) {
  public static final String EMIT = "--emit";
  public static final String IMAGE = "--image";
  public static final String CLAIM = "--claim";
  /** The claim a Kubernetes job mounts when {@code --claim} is not given. */
  public static final String DEFAULT_CLAIM = "vitssl-runs";

  /** The request in {@code args}, if they hold {@code --emit}; the flags checked together. */
  public static Optional<EmitRequest> take(String[] args) {
    Optional<JobScheduler> scheduler = Optional.empty();
    Optional<Path> dir = Optional.empty();
    Optional<String> image = Optional.empty();
    Optional<String> claim = Optional.empty();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case EMIT -> {
          once(scheduler.isPresent(), EMIT);
          scheduler = Optional.of(JobScheduler.named(value(args, ++i, EMIT + " slurm|k8s DIR")));
          dir = Optional.of(Path.of(value(args, ++i, EMIT + " " + args[i - 1] + " DIR")));
        }
        case IMAGE -> {
          once(image.isPresent(), IMAGE);
          image = Optional.of(value(args, ++i, IMAGE + " NAME"));
        }
        case CLAIM -> {
          once(claim.isPresent(), CLAIM);
          claim = Optional.of(value(args, ++i, CLAIM + " NAME"));
        }
        default -> rest.add(args[i]);
      }
    }
    if (scheduler.isEmpty()) {
      if (image.isPresent() || claim.isPresent()) {
        throw new IllegalArgumentException(
            IMAGE + " and " + CLAIM + " go with " + EMIT + " k8s DIR: add it, or drop them");
      }
      return Optional.empty();
    }
    if (scheduler.get() == JobScheduler.K8S && image.isEmpty()) {
      throw new IllegalArgumentException(
          EMIT + " k8s needs " + IMAGE + " NAME: the container image that holds vitssl at "
              + KubernetesJobs.HOME);
    }
    if (scheduler.get() != JobScheduler.K8S && (image.isPresent() || claim.isPresent())) {
      throw new IllegalArgumentException(
          IMAGE + " and " + CLAIM + " are for " + EMIT + " k8s; Slurm runs on the cluster's"
              + " shared file system: drop them");
    }
    return Optional.of(
        new EmitRequest(
            scheduler.get(), dir.get(), image, claim.orElse(DEFAULT_CLAIM), rest.toArray(new String[0])));
  }

  private static void once(boolean seen, String flag) {
    if (seen) {
      throw new IllegalArgumentException(flag + " given twice: pass it once");
    }
  }

  private static String value(String[] args, int i, String usage) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException("give " + usage);
    }
    return args[i];
  }
}
