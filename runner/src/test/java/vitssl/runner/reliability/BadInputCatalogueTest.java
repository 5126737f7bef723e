package vitssl.runner.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import vitssl.dsl.Experiment;
import vitssl.runner.run.Wiring;
import vitssl.dsl.data.ImageFolder;
import vitssl.runner.Console;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.Runner;
import vitssl.runner.TinyRuns;

/**
 * What a user can get wrong, each tried through the command line's entry points: the answer is
 * one line that names the input and the fix, never a stack trace (the trace goes to the run
 * folder's {@code error.log}). The cases that recover (a damaged checkpoint, a corrupt image) end
 * with status 0 and say what they did. docs/bad-inputs.md lists the catalogue.
 */
class BadInputCatalogueTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path images;
  static Path finished;
  private static final AtomicInteger next = new AtomicInteger();

  /** An input, how it is tried, the exit status and what the line (or the output) must say. */
  record Case(String input, Function<Path, Console> attempt, int status, List<String> says) {}

  @BeforeAll
  static void data() {
    images = TinyRuns.imageFolder(dir.resolve("images"), 3, 24);
    finished = dir.resolve("finished");
    Console run = Console.capture(() -> Runner.command(tiny(images, finished), new String[0]));
    assertThat(run.status()).as(run.err()).isZero();
  }

  @TestFactory
  Stream<DynamicTest> everyBadInputGetsOneLineNamingItAndTheFix() {
    return cases().stream().map(c -> dynamicTest(c.input(), () -> check(c)));
  }

  private static void check(Case c) {
    Path folder = dir.resolve("case-" + next.incrementAndGet());
    Console console = c.attempt().apply(folder);
    String shown = console.out() + console.err();
    assertThat(console.showsAStackTrace()).as(shown).isFalse();
    assertThat(console.status()).as(shown).isEqualTo(c.status());
    if (c.status() == 0) {
      assertThat(console.errorLines()).as(shown).isEmpty();
      assertThat(console.out()).contains(c.says());
      return;
    }
    assertThat(console.errorLines()).as(shown).hasSize(1);
    assertThat(console.errorLines().get(0)).contains(c.says());
    Path run = folder.resolve("run");
    if (Files.isDirectory(run)) {
      assertThat(run.resolve(TerminalErrors.LOG)).exists();
      assertThat(read(run.resolve(TerminalErrors.LOG))).contains("\tat ");
    }
  }

  static List<Case> cases() {
    return List.of(
        // the command line
        new Case("no --spec", f -> command(), 2, List.of("--spec FILE")),
        new Case("--spec of a missing file", f -> spec(f.resolve("nope.json")), 2,
            List.of("/nope.json: no such file", "give the path of an experiment's JSON spec")),
        new Case("--spec of a folder", f -> spec(dir), 2, List.of(dir + ": no such file")),
        new Case("--spec given twice", f -> command("--spec", "a.json", "--spec", "b.json"), 2,
            List.of("--spec given twice: pass it once")),
        new Case("an unknown option", f -> flags(f, "--stpes", "3"), 2,
            List.of("unknown argument \"--stpes\"", "options: --data DIR")),
        new Case("--steps not a number", f -> flags(f, "--steps", "ten"), 2,
            List.of("--steps ten: give a positive whole number")),
        new Case("--batch 0", f -> flags(f, "--batch", "0"), 2,
            List.of("--batch 0: give a positive whole number")),
        new Case("--workers -1", f -> flags(f, "--workers", "-1"), 2,
            List.of("--workers -1: give a positive whole number")),
        new Case("--epochs and --steps together", f -> flags(f, "--epochs", "1", "--steps", "3"), 2,
            List.of("--epochs and --steps both given: pass one of them")),
        new Case("--out without its folder", f -> flags(f, "--out"), 2, List.of("--out needs a value")),
        new Case("--checkpoint-minutes 0", f -> flags(f, "--checkpoint-minutes", "0"), 2,
            List.of("--checkpoint-minutes 0: give a positive number")),
        // the spec file
        new Case("a spec file that is not JSON", f -> spec(write(f, "spec.json", "name: tiny")), 2,
            List.of("does not parse at (line 1, column", "check the field names")),
        new Case("an unknown backbone type", f -> edited(f, s -> obj(s, "backbone").put("type", "vit-x")), 2,
            List.of("backbone (line", "\"type\": \"vit-x\" is not a known BackboneSpec",
                "use one of [resnet, vit]")),
        new Case("an unknown monitor type", f -> edited(f, s -> ((ObjectNode) s.withArray("monitors").get(1)).put("type", "norms")), 2,
            List.of("\"norms\" is not a known MonitorSpec", "knn", "gradient-norms", "memory-usage")),
        new Case("a spec part without its type", f -> edited(f, s -> obj(s, "loss").remove("type")), 2,
            List.of("no \"type\" is not a known LossSpec", "info-nce")),
        new Case("a misspelt field", f -> edited(f, s -> s.set("batchsize", s.remove("batchSize"))), 2,
            List.of("\"batchsize\"", "check the field names")),
        new Case("batchSize 1", f -> edited(f, s -> s.put("batchSize", 1)), 2,
            List.of("Experiment.batchSize = 1", "at least 2 images")),
        new Case("a negative temperature", f -> edited(f, s -> obj(s, "loss").put("temperature", -0.2)), 2,
            List.of("temperature = -0.2")),
        new Case("width not divisible by heads", f -> edited(f, s -> obj(s, "backbone").put("heads", 3)), 2,
            List.of("Vit.heads = 3: width 32 must be divisible by heads")),
        new Case("a patch size that does not divide the image", f -> edited(f, s -> obj(s, "backbone").put("patchSize", 5)), 2,
            List.of("Vit.imageSize = 16: must be a positive multiple of patchSize 5")),
        new Case("predictor and projector widths that differ", f -> edited(f, s -> obj(s, "predictor").put("out", 8)), 2,
            List.of("Experiment.predictor.outputWidth = 8", "projector.outputWidth 16")),
        new Case("views of another size than the backbone's images", f -> edited(f, s -> obj(obj(s, "augmentation"), "first").put("size", 32)), 2,
            List.of("Experiment.augmentation.views[0].size = 32", "backbone.imageSize 16")),
        new Case("two means for three channels", f -> edited(f, s -> obj(obj(s, "augmentation"), "first").set("mean", JSON.createArrayNode().add(0.5).add(0.5))), 2,
            List.of("View.mean = [0.5, 0.5]", "give one mean and one std per channel")),
        new Case("heldOutFraction 1.5", f -> edited(f, s -> obj(s, "data").put("heldOutFraction", 1.5)), 2,
            List.of("ImageFolder.heldOutFraction = 1.5", "(0, 1)")),
        new Case("maxCorruptFraction 1", f -> edited(f, s -> obj(s, "data").put("maxCorruptFraction", 1.0)), 2,
            List.of("ImageFolder.maxCorruptFraction = 1.0", "[0, 1)")),
        new Case("checkpointEvery 0", f -> edited(f, s -> s.put("checkpointEvery", 0)), 2,
            List.of("Experiment.checkpointEvery = 0", "use 1 or more steps")),
        new Case("checkpointMinutes -5", f -> edited(f, s -> s.put("checkpointMinutes", -5.0)), 2,
            List.of("Experiment.checkpointMinutes = -5.0", "positive number of minutes")),
        new Case("a training length of 0 steps", f -> edited(f, s -> obj(s, "length").put("amount", 0.0)), 2,
            List.of("Experiment.length", "positive number of steps")),
        // the data
        new Case("--data of a missing folder", f -> flags(f, "--data", f.resolve("nowhere").toString()), 2,
            List.of("nowhere is not a folder", "one sub-folder of images per class")),
        new Case("an empty data folder", f -> data(f, folder(f, "empty")), 2,
            List.of("empty has no class folders", "put each class's images in its own sub-folder")),
        new Case("a folder of non-images", f -> data(f, nonImages(f)), 2,
            List.of("holds no .png, .jpg or .jpeg images", "add images to it or remove it")),
        new Case("images that are all text files named .png", f -> data(f, textPngs(f)), 2,
            List.of("cannot be decoded", "first: ", "/text/a/0",
                "Replace or remove these files, or raise maxCorruptFraction")),
        new Case("a truncated PNG with no corrupt image allowed", f -> experiment(f, truncated(f),
            e -> e.withData(((ImageFolder) e.data()).withMaxCorruptFraction(0))), 2,
            List.of("first: ", "truncated/class_0/000.png", "maxCorruptFraction")),
        new Case("--verify-data on images that are all text files", BadInputCatalogueTest::verifyAllBad, 2,
            List.of("cannot be decoded", "/text/a/0", "raise maxCorruptFraction")),
        new Case("a batch larger than the training images", f -> flags(f, "--batch", "500"), 2,
            List.of("Experiment.batchSize = 500 exceeds the 54 training images",
                "use a batch of at most that many")),
        new Case("an --out that is a file", f -> flags(f, "--out", write(f, "file", "x").toString()), 3,
            List.of("cannot lock run folder", "give --out a folder")),
        // the run folder
        new Case("a finished run's folder without --resume", f -> experiment(f, images, e -> e.withOutput(finished.toString())), 2,
            List.of("already holds a run: pass --resume to continue it, or --out DIR")),
        new Case("--resume with another spec's checkpoint", f -> experiment(f, images,
            e -> e.withOutput(finished.toString()).withBatchSize(6), "--resume"), 2,
            List.of("--resume: the checkpoint in " + finished + " was written by another spec",
                "use --out DIR for a new run")),
        new Case("a folder another run holds", BadInputCatalogueTest::locked, 2,
            List.of("is in use by process " + ProcessHandle.current().pid(), "--out DIR")),
        // recovered
        new Case("--resume where nothing exists", f -> flags(f, "--steps", "3", "--resume"), 0,
            List.of("--resume: no checkpoint in ", "/run yet; starting fresh")),
        new Case("a damaged newest checkpoint", BadInputCatalogueTest::damagedNewest, 0,
            List.of("--resume: skipping checkpoint step-00000006.ckpt: its checksum does not match",
                "at step 3")),
        new Case("a corrupt and a truncated PNG among good images", BadInputCatalogueTest::fewBad, 0,
            List.of("skipping an undecodable training image: ", "truncated/class_0/000.png",
                "truncated/class_1/000.png")),
        new Case("--verify-data with a truncated PNG", f -> experiment(f, truncated(f), e -> e, "--verify-data"), 0,
            List.of("verified 72 images of truncated: 1 cannot be decoded and will be replaced")));
  }

  // ---- how the cases are tried

  private static Experiment tiny(Path data, Path run) {
    return TinyRuns.experiment(data, run).withSteps(6);
  }

  private static Console command(String... args) {
    return Console.capture(() -> Runner.command(args));
  }

  private static Console spec(Path file) {
    return command("--spec", file.toString());
  }

  private static Console flags(Path f, String... args) {
    return experiment(f, images, e -> e, args);
  }

  private static Console data(Path f, Path data) {
    return experiment(f, data, e -> e);
  }

  private static Console experiment(
      Path f, Path data, java.util.function.UnaryOperator<Experiment> change, String... args) {
    Experiment e = change.apply(tiny(data, f.resolve("run")));
    return Console.capture(() -> Runner.command(e, args));
  }

  /** The tiny spec as JSON, changed, written to a file and run with --spec. */
  private static Console edited(Path f, Consumer<ObjectNode> change) {
    try {
      ObjectNode spec = (ObjectNode) JSON.readTree(Wiring.of().json().write(tiny(images, f.resolve("run"))));
      change.accept(spec);
      return spec(write(f, "spec.json", JSON.writeValueAsString(spec)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode obj(ObjectNode node, String field) {
    return (ObjectNode) node.get(field);
  }

  private static Console locked(Path f) {
    try (RunLock held = RunLock.acquire(f.resolve("run"))) {
      return flags(f);
    }
  }

  private static Console damagedNewest(Path f) {
    Path run = f.resolve("run");
    Console first = experiment(f, images, e -> e);
    assertThat(first.status()).as(first.err()).isZero();
    try {
      Files.delete(run.resolve("summary.json"));
      Path newest = run.resolve("checkpoints/step-00000006.ckpt");
      byte[] bytes = Files.readAllBytes(newest);
      bytes[bytes.length / 2] ^= 1;
      Files.write(newest, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Console resumed = flags(f, "--resume");
    List<Map<String, Object>> rows = MetricsLog.read(run.resolve("metrics.jsonl"));
    assertThat(rows).extracting(r -> ((Number) r.get("step")).intValue()).containsExactly(1, 2, 3, 4, 5, 6);
    return resumed;
  }

  private static Console fewBad(Path f) {
    Path data = truncated(f);
    try {
      Files.writeString(data.resolve("class_1/000.png"), "not a PNG at all");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Console console =
        experiment(f, data, e -> e.withData(((ImageFolder) e.data()).withMaxCorruptFraction(0.1)));
    String summary = read(f.resolve("run/summary.json"));
    assertThat(summary).contains("\"replaced_images\" : 2");
    // The random-init kNN meets both before the first step.
    assertThat(MetricsLog.read(f.resolve("run/metrics.jsonl")))
        .allSatisfy(row -> assertThat(row).containsEntry("replaced_images", 2));
    return console;
  }

  /** Verification stops the run before anything is trained or measured. */
  private static Console verifyAllBad(Path f) {
    Console console = experiment(f, textPngs(f), e -> e, "--verify-data");
    assertThat(f.resolve("run/baseline.json")).doesNotExist();
    return console;
  }

  // ---- bad data

  private static Path folder(Path f, String name) {
    try {
      return Files.createDirectories(f.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path nonImages(Path f) {
    Path root = folder(f, "notes");
    write(folder(root, "a"), "readme.txt", "hello");
    write(folder(root, "b"), "data.csv", "1,2,3");
    return root;
  }

  private static Path textPngs(Path f) {
    Path root = folder(f, "text");
    for (String c : List.of("a", "b")) {
      for (int i = 0; i < 12; i++) {
        write(folder(root, c), String.format("%03d.png", i), "not an image " + i);
      }
    }
    return root;
  }

  /** A copy of the tiny images whose first image of the first class is cut to half. */
  private static Path truncated(Path f) {
    Path root = TinyRuns.imageFolder(f.resolve("truncated"), 3, 24);
    try {
      Path png = root.resolve("class_0/000.png");
      byte[] bytes = Files.readAllBytes(png);
      Files.write(png, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }

  private static Path write(Path folder, String name, String text) {
    try {
      Files.createDirectories(folder);
      return Files.writeString(folder.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
