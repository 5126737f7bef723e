package vitssl.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import vitssl.runner.run.RunOptions;

/** How the engine and the data loaders run: every command that computes takes these. */
final class EngineOptionsMixin {
  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = Positive.Whole.class,
      description = "Intra-op threads of the engine (default: all cores).")
  Integer threads;

  @Option(
      names = "--workers",
      paramLabel = "N",
      converter = Positive.Whole.class,
      description = "Data loading threads (default: all cores).")
  Integer workers;

  @Option(
      names = "--native-cache",
      paramLabel = "DIR",
      description = "Where libtorch's native libraries are unpacked (default: DJL's cache).")
  Path nativeCache;

  /** Run options with only these set. */
  RunOptions runOptions() {
    return RunOptions.engineOnly(
        Optional.ofNullable(threads), Optional.ofNullable(workers), Optional.ofNullable(nativeCache));
  }
}
