package vitssl.runner;

import ai.djl.Device;
import com.google.inject.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import vitssl.dsl.Experiment;
import vitssl.engine.EngineSetup;
import vitssl.runner.compute.ComputeDevices;
import vitssl.runner.reliability.RunLock;
import vitssl.runner.reliability.TerminalErrors;
import vitssl.runner.run.Run;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.RunResult;
import vitssl.runner.run.Wiring;
import vitssl.serve.RunsServer;

/**
 * Runs experiments: one Guice injector per run, holding the framework's components and any
 * module the caller adds (a backbone of its own, a monitor...).
 */
public final class Runner {
  /** The option that names the spec file {@link #main(String[])} runs. */
  public static final String SPEC = "--spec";

  private Runner() {}

  /**
   * For a recipe's {@code main}: runs with the command line's options and exits non-zero with a
   * plain message (no stack trace) when the spec, the options or the data are wrong.
   */
  public static void main(Experiment experiment, String[] args, Module... modules) {
    exitUnlessZero(command(experiment, args, modules));
  }

  /** {@link #main(Experiment, String[], Module...)} without the exit: the exit status. */
  public static int command(Experiment experiment, String[] args, Module... modules) {
    return TerminalErrors.run(
        () -> run(experiment, RunOptions.parse(args), modules),
        () -> Optional.of(Path.of(RunOptions.parse(args).apply(experiment).outputOrDefault())));
  }

  /**
   * Runs a spec file, e.g. the {@code spec.json} of an earlier run or one that {@code Sweep
   * --emit-specs} wrote for a job scheduler: {@code Runner --spec FILE [options]}, with the
   * options of {@link RunOptions}.
   */
  public static void main(String[] args) {
    exitUnlessZero(command(args));
  }

  /** {@link #main(String[])} without the exit: the exit status. */
  public static int command(String... args) {
    return TerminalErrors.run(
        () -> {
          CommandLineFlag spec = CommandLineFlag.take(args, SPEC);
          if (spec.value().isEmpty()) {
            throw new IllegalArgumentException(
                "give the experiment to run: " + SPEC + " FILE (a spec.json); " + RunOptions.USAGE);
          }
          run(readSpec(Path.of(spec.value().get())), RunOptions.parse(spec.rest()));
        },
        () -> {
          CommandLineFlag spec = CommandLineFlag.take(args, SPEC);
          Experiment experiment = readSpec(Path.of(spec.value().orElseThrow()));
          return Optional.of(
              Path.of(RunOptions.parse(spec.rest()).apply(experiment).outputOrDefault()));
        });
  }

  /** Reads an experiment from a JSON spec file, knowing the spec types of these modules too. */
  public static Experiment readSpec(Path file, Module... modules) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          SPEC + " " + file + ": no such file; give the path of an experiment's JSON spec");
    }
    try {
      return Wiring.of(modules).json().readExperiment(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code command}, and exits non-zero with a plain message (no stack trace) when the spec,
   * the options or the data are wrong (2) or a file cannot be read or written (3); the full trace
   * goes to {@code runFolder}'s error log.
   */
  static void exitOnBadInput(Runnable command, Supplier<Optional<Path>> runFolder) {
    exitUnlessZero(TerminalErrors.run(command, runFolder));
  }

  private static void exitUnlessZero(int status) {
    if (status != 0) {
      System.exit(status);
    }
  }

  public static RunResult run(Experiment experiment, RunOptions options, Module... modules) {
    Device device = EngineSetup.start(options.engineSettings());
    Wiring wiring = Wiring.of(modules);
    Experiment e = options.apply(experiment);
    wiring.requireBound(e);
    var devices = ComputeDevices.main(e.compute(), device); // refuses a missing GPU first
    try (RunLock lock = RunLock.acquire(Path.of(e.outputOrDefault()));
        RunsServer.Lease page = RunsServer.during(options.serve(), Path.of(e.outputOrDefault()))) {
      return new Run(e, options, wiring, devices).execute();
    }
  }
}
