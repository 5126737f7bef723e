package vitssl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vitssl.runner.run.RunOptions;
import vitssl.serve.Exposure;
import vitssl.serve.ServeAddress;

/** The options of a pre-training run ({@link RunOptions}), shared by train and sweep. */
final class RunOptionsMixin {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "An image folder instead of the recipe's data: DIR/train/<class> and DIR/val/<class>,"
              + " or DIR/<class> with 10%% of each class held out.")
  String data;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "The run folder (default: runs/<experiment name>).")
  String out;

  @ArgGroup(exclusive = true)
  Length length = new Length();

  /** A run is as long as the recipe says, or this many epochs, or this many steps. */
  static final class Length {
    @Option(
        names = "--epochs",
        paramLabel = "N",
        converter = Positive.Real.class,
        description = "Train for N epochs (fractions allowed) instead of the recipe's length.")
    Double epochs;

    @Option(
        names = "--steps",
        paramLabel = "N",
        converter = Positive.Count.class,
        description = "Train for N optimizer steps instead of the recipe's length.")
    Long steps;
  }

  @Option(
      names = "--batch",
      paramLabel = "N",
      converter = Positive.Whole.class,
      description = "Images per step; the learning rate follows (base lr x N / 256).")
  Integer batch;

  @Mixin EngineOptionsMixin engine = new EngineOptionsMixin();

  @Option(
      names = "--resume",
      description =
          "Continue from the run folder's newest intact checkpoint (only the length and the"
              + " checkpoint cadence may change).")
  boolean resume;

  @Option(
      names = "--checkpoint-minutes",
      paramLabel = "N",
      converter = Positive.Real.class,
      description = "Write a checkpoint every N minutes as well as every checkpointEvery steps.")
  Double checkpointMinutes;

  @Option(
      names = "--verify-data",
      description = "Decode every image before training, naming the ones that cannot be read.")
  boolean verifyData;

  @Option(
      names = "--serve",
      paramLabel = "PORT",
      arity = "0..1",
      fallbackValue = "" + ServeAddress.DEFAULT_PORT,
      converter = Positive.Whole.class,
      description = "A live page of the run (and the runs beside it) while it trains, on PORT"
          + " (default ${FALLBACK-VALUE}).")
  Integer servePort;

  @Option(
      names = "--serve-host",
      paramLabel = "ADDR",
      description = "The live page's address (default " + ServeAddress.LOOPBACK + ").")
  String serveHost;

  @Option(
      names = "--serve-allow-remote",
      description = "Allow a --serve-host that other machines can reach.")
  boolean serveAllowRemote;

  RunOptions runOptions() {
    return new RunOptions(
        Optional.ofNullable(data),
        Optional.ofNullable(out),
        Optional.ofNullable(length.epochs),
        Optional.ofNullable(length.steps),
        Optional.ofNullable(batch),
        Optional.ofNullable(engine.threads),
        Optional.ofNullable(engine.workers),
        Optional.ofNullable(engine.nativeCache),
        resume,
        serve(),
        Optional.ofNullable(checkpointMinutes),
        verifyData);
  }

  /** The live page's address, as {@link RunOptions#parse} builds it from the same flags. */
  private Optional<ServeAddress> serve() {
    if (servePort == null) {
      if (serveHost != null || serveAllowRemote) {
        throw new IllegalArgumentException(
            "--serve-host and --serve-allow-remote go with --serve: add --serve [PORT]");
      }
      return Optional.empty();
    }
    return Optional.of(
        ServeAddress.of(
            serveHost == null ? ServeAddress.LOOPBACK : serveHost,
            servePort,
            serveAllowRemote ? Exposure.ANY_ADDRESS : Exposure.LOOPBACK_ONLY,
            "--serve-allow-remote"));
  }

  /** These options as {@link RunOptions#parse} reads them, for a recipe's own {@code main}. */
  List<String> arguments() {
    List<String> args = new ArrayList<>();
    add(args, "--data", data);
    add(args, "--out", out);
    add(args, "--epochs", length.epochs);
    add(args, "--steps", length.steps);
    add(args, "--batch", batch);
    add(args, "--threads", engine.threads);
    add(args, "--workers", engine.workers);
    add(args, "--native-cache", engine.nativeCache);
    if (resume) {
      args.add("--resume");
    }
    add(args, "--serve", servePort);
    add(args, "--serve-host", serveHost);
    if (serveAllowRemote) {
      args.add("--serve-allow-remote");
    }
    return args;
  }

  private static void add(List<String> args, String flag, Object value) {
    if (value != null) {
      args.add(flag);
      args.add(value.toString());
    }
  }
}
