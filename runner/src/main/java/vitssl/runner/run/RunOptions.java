package vitssl.runner.run;

import java.nio.file.Path;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.dsl.data.ImageFolder;
import vitssl.engine.EngineSettings;
import vitssl.serve.Exposure;
import vitssl.serve.ServeAddress;

/**
 * The few things a recipe's command line may change; anything else is a Java recipe or its JSON.
 *
 * <pre>
 * --data DIR        an image folder instead of the recipe's data
 * --out DIR         run folder
 * --epochs N | --steps N
 * --batch N         images per step (the lr follows: base lr x batch / 256)
 * --threads N       intra-op threads of the engine (default: all cores)
 * --workers N       data loading threads (default: all cores)
 * --native-cache DIR  where libtorch's natives are unpacked
 * --resume          continue from the run folder's newest intact checkpoint
 * --checkpoint-minutes N  a checkpoint every N minutes as well as every checkpointEvery steps
 * --verify-data     decode every image before training, naming the ones that cannot be read
 * --serve [PORT]    a live page of the run (and the runs beside it) while it trains; port 8765
 * --serve-host ADDR  the page's address (default 127.0.0.1)
 * --serve-allow-remote  allow a --serve-host other machines can reach
 * </pre>
 */
public record RunOptions(
    Optional<String> data,
    Optional<String> out,
    Optional<Double> epochs,
    Optional<Long> steps,
    Optional<Integer> batch,
    Optional<Integer> threads,
    Optional<Integer> workers,
    Optional<Path> nativeCache,
    boolean resume,
    Optional<ServeAddress> serve,
    Optional<Double> checkpointMinutes,
    boolean verifyData) {

  public static final String USAGE =
      "options: --data DIR  --out DIR  --epochs N | --steps N  --batch N  --threads N  --workers N"
          + "  --native-cache DIR  --resume  --checkpoint-minutes N  --verify-data  --serve [PORT]"
          + "  --serve-host ADDR  --serve-allow-remote";

  public static RunOptions none() {
    return parse();
  }

  public static RunOptions parse(String... args) {
    Optional<String> data = Optional.empty();
    Optional<String> out = Optional.empty();
    Optional<Double> epochs = Optional.empty();
    Optional<Long> steps = Optional.empty();
    Optional<Integer> batch = Optional.empty();
    Optional<Integer> threads = Optional.empty();
    Optional<Integer> workers = Optional.empty();
    Optional<Path> nativeCache = Optional.empty();
    boolean resume = false;
    Optional<Double> checkpointMinutes = Optional.empty();
    boolean verifyData = false;
    Optional<Integer> servePort = Optional.empty();
    Optional<String> serveHost = Optional.empty();
    Exposure exposure = Exposure.LOOPBACK_ONLY;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--resume" -> resume = true;
        case "--verify-data" -> verifyData = true;
        case "--checkpoint-minutes" ->
            checkpointMinutes = Optional.of(positiveDouble(value(args, ++i, flag), flag));
        case "--data" -> data = Optional.of(value(args, ++i, flag));
        case "--out" -> out = Optional.of(value(args, ++i, flag));
        case "--epochs" -> epochs = Optional.of(positiveDouble(value(args, ++i, flag), flag));
        case "--steps" -> steps = Optional.of((long) positiveInt(value(args, ++i, flag), flag));
        case "--batch" -> batch = Optional.of(positiveInt(value(args, ++i, flag), flag));
        case "--threads" -> threads = Optional.of(positiveInt(value(args, ++i, flag), flag));
        case "--workers" -> workers = Optional.of(positiveInt(value(args, ++i, flag), flag));
        case "--native-cache" -> nativeCache = Optional.of(Path.of(value(args, ++i, flag)));
        case "--serve" -> servePort =
            Optional.of(
                i + 1 < args.length && args[i + 1].matches("\\d+")
                    ? port(args[++i])
                    : ServeAddress.DEFAULT_PORT);
        case "--serve-host" -> serveHost = Optional.of(value(args, ++i, flag));
        case "--serve-allow-remote" -> exposure = Exposure.ANY_ADDRESS;
        default -> throw new IllegalArgumentException(
            "unknown argument \"" + flag + "\"; " + USAGE);
      }
    }
    if (epochs.isPresent() && steps.isPresent()) {
      throw new IllegalArgumentException("--epochs and --steps both given: pass one of them");
    }
    if (servePort.isEmpty() && (serveHost.isPresent() || exposure != Exposure.LOOPBACK_ONLY)) {
      throw new IllegalArgumentException(
          "--serve-host and --serve-allow-remote go with --serve: add --serve [PORT]");
    }
    Optional<ServeAddress> serve = Optional.empty();
    if (servePort.isPresent()) {
      serve =
          Optional.of(
              ServeAddress.of(
                  serveHost.orElse(ServeAddress.LOOPBACK),
                  servePort.get(),
                  exposure,
                  "--serve-allow-remote"));
    }
    return new RunOptions(
        data, out, epochs, steps, batch, threads, workers, nativeCache, resume, serve,
        checkpointMinutes, verifyData);
  }

  /** Options that set only the engine's threads, the loader's workers and the natives' folder. */
  public static RunOptions engineOnly(
      Optional<Integer> threads, Optional<Integer> workers, Optional<Path> nativeCache) {
    return new RunOptions(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        threads, workers, nativeCache, false, Optional.empty(), Optional.empty(), false);
  }

  /**
   * These options for one variant of a sweep: its own folder, always resuming (a finished variant
   * is skipped, an interrupted one continues), and no page of its own (the sweep's covers all).
   */
  public RunOptions forVariant(String variantOut) {
    return new RunOptions(
        data, Optional.of(variantOut), epochs, steps, batch, threads, workers, nativeCache, true,
        Optional.empty(), checkpointMinutes, verifyData);
  }

  /** The recipe's experiment with this command line's changes. */
  public Experiment apply(Experiment experiment) {
    Experiment e = experiment;
    if (data.isPresent()) {
      e = e.withData(ImageFolder.at(data.get()));
    }
    if (out.isPresent()) {
      e = e.withOutput(out.get());
    }
    if (epochs.isPresent()) {
      e = e.withEpochs(epochs.get());
    }
    if (steps.isPresent()) {
      e = e.withSteps(steps.get());
    }
    if (batch.isPresent()) {
      e = e.withBatchSize(batch.get());
    }
    if (checkpointMinutes.isPresent()) {
      e = e.withCheckpointMinutes(checkpointMinutes.get());
    }
    return e;
  }

  public EngineSettings engineSettings() {
    return new EngineSettings(threads, nativeCache);
  }

  public int workersOrAllCores() {
    return workers.orElse(Runtime.getRuntime().availableProcessors());
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(flag + " needs a value; " + USAGE);
    }
    return args[i];
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1; // out of range: ServeAddress names the fix
    }
  }

  private static int positiveInt(String text, String flag) {
    try {
      int v = Integer.parseInt(text);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " " + text + ": give a positive whole number");
  }

  private static double positiveDouble(String text, String flag) {
    try {
      double v = Double.parseDouble(text);
      if (v > 0 && Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(flag + " " + text + ": give a positive number");
  }
}
