package vitssl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vitssl.runner.run.RunOptions;

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
          "Continue from the run folder's latest checkpoint (only the length may change).")
  boolean resume;

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
        resume);
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
    return args;
  }

  private static void add(List<String> args, String flag, Object value) {
    if (value != null) {
      args.add(flag);
      args.add(value.toString());
    }
  }
}
