package vitssl.runner.evaluation;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Module;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import vitssl.backbone.Backbone;
import vitssl.data.Dataset;
import vitssl.dsl.Experiment;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.eval.Evaluation;
import vitssl.dsl.eval.LinearProbe;
import vitssl.engine.EngineSetup;
import vitssl.eval.ProbeResult;
import vitssl.io.AtomicFiles;
import vitssl.report.EvalPage;
import vitssl.runner.pretrained.PretrainedRun;
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Wiring;
import vitssl.runner.train.Checkpoints;

/**
 * {@code vitssl eval}: a saved encoder measured on labelled images with the run's own protocol,
 * through the same {@link Evaluator} and {@link FeatureExtractor} as the end of the run, so on the
 * run's data it gives the run's figures exactly. Features are taken once; on them: kNN at k 20
 * and 200 (and the run's k), the linear probe, and the low-label probes ({@link LabelFraction});
 * then the pictures. Writes {@code eval.json} and {@code eval.html}.
 */
public final class EncoderEvaluation {
  /** The neighbour counts reported besides the run's own: the SSL libraries' 20 and 200. */
  static final int[] KNN_K = {20, 200};

  /** The largest raw-pixel bank {@code --raw-pixels} builds, in bytes of float features. */
  static final long RAW_PIXEL_BANK_MAX_BYTES = 4L << 30;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EncoderEvaluation() {}

  /**
   * @param weights a run folder (its latest checkpoint) or a checkpoint
   * @param data a labelled image folder; empty evaluates on the run's own data
   * @param out the folder for eval.json and eval.html; empty: {@code eval/} (or {@code
   *     eval-<folder>/} for other data) in the run's folder
   * @param rawPixels whether to measure the kNN of the raw pixels too, as a floor
   * @param randomInit whether to measure the run's backbone at its random initialisation instead
   *     of its trained weights (reported as step 0), as a floor
   */
  public static EvalReport run(
      Path weights,
      Optional<String> data,
      Optional<Path> out,
      boolean rawPixels,
      boolean randomInit,
      RunOptions options,
      Module... modules) {
    Device device = EngineSetup.start(options.engineSettings());
    Wiring wiring = Wiring.of(modules);
    PretrainedRun run = PretrainedRun.at(weights, wiring.json());
    Experiment experiment = run.experiment();
    DataSpec dataSpec = data.map(d -> folder(experiment.data(), d)).orElse(experiment.data());
    Path folder = out.orElseGet(() -> defaultFolder(run.checkpoint(), data, randomInit));
    Dataset dataset = wiring.components().data(dataSpec);
    Evaluation protocol =
        experiment.evaluation().linearProbe().isPresent()
            ? experiment.evaluation()
            : experiment.evaluation().withLinearProbe(LinearProbe.defaults());
    int classes = dataset.train().classes().size();
    try (NDManager manager = NDManager.newBaseManager(device)) {
      Backbone backbone =
          randomInit
              ? run.randomBackbone(wiring.components(), manager)
              : run.backbone(wiring.components(), manager);
      ParameterStore store = new ParameterStore(manager, false);
      FeatureExtractor extractor =
          FeatureExtractor.of(
              experiment,
              dataSpec,
              images -> backbone.block().forward(store, new NDList(images), false).singletonOrThrow(),
              options.workersOrAllCores());
      System.out.println("features of " + dataset.name() + "...");
      Features bank = extractor.of(dataset.train(), manager);
      Features queries = extractor.of(dataset.heldOut(), manager);
      TreeSet<Integer> ks = new TreeSet<>();
      for (int k : KNN_K) {
        ks.add(k);
      }
      ks.add(protocol.knnK());
      Map<String, Double> knn = knnByK(protocol, experiment.seed(), ks, bank, queries, classes);
      Map<String, Double> rawKnn = new LinkedHashMap<>();
      if (rawPixels) {
        System.out.println("kNN of the raw pixels...");
        FeatureExtractor pixels = extractor.rawPixels();
        requireRawPixelBankFits(pixels, dataset.train().size(), RAW_PIXEL_BANK_MAX_BYTES);
        try (NDManager raw = manager.newSubManager()) {
          rawKnn = knnByK(protocol, experiment.seed(), ks, pixels.of(dataset.train(), raw),
              pixels.of(dataset.heldOut(), raw), classes);
        }
      }
      Evaluator evaluator = new Evaluator(protocol, experiment.seed());
      System.out.println("linear probe...");
      EvalReport.Probe probe = probe(evaluator.probe(bank, queries, classes), bank.labels().length);
      Map<String, EvalReport.Probe> lowLabel = new LinkedHashMap<>();
      for (LabelFraction fraction : LabelFraction.SEMI_SUPERVISED) {
        int[] kept = fraction.select(bank.labels());
        Features subset = subset(bank, kept, manager);
        System.out.println("linear probe on " + fraction.percent() + " of the labels...");
        lowLabel.put(fraction.percent(), probe(evaluator.probe(subset, queries, classes), kept.length));
      }
      EvalPictures pictures =
          EvalPictures.draw(backbone, dataset, bank, queries, extractor, experiment.seed(), manager);
      EvalReport report =
          new EvalReport(
              run.checkpoint().toString(),
              randomInit ? 0 : Checkpoints.header(run.checkpoint()).step(),
              data.orElse(experiment.data().toString()),
              new EvalReport.Images(dataset.train().size(), dataset.heldOut().size(), classes),
              protocol.knnTemperature(),
              knn,
              probe,
              lowLabel,
              pictures.mapFigures(),
              rawKnn);
      AtomicFiles.writeString(folder.resolve("eval.json"), JSON.writeValueAsString(report) + "\n");
      Path page =
          EvalPage.write(
              folder,
              "Evaluation: " + experiment.name()
                  + (randomInit ? " at random initialisation" : " at step " + report.step()),
              JSON.valueToTree(report),
              pictures.pictures(),
              wiring.json().write(experiment));
      System.out.printf(
          "%s: kNN top-1 %s%s, linear top-1 %.2f, 1%% labels %.2f, 10%% labels %.2f%npage: %s%n",
          experiment.name(),
          knn,
          rawKnn.isEmpty() ? "" : " (raw pixels " + rawKnn + ")",
          probe.top1(),
          lowLabel.get("1%").top1(),
          lowLabel.get("10%").top1(),
          page.toAbsolutePath());
      return report;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("could not write eval.json: " + e.getMessage(), e);
    }
  }

  /** kNN top-1 at each of {@code ks}, keyed "k=K", with the protocol's temperature. */
  private static Map<String, Double> knnByK(
      Evaluation protocol, long seed, TreeSet<Integer> ks, Features bank, Features queries,
      int classes) {
    Map<String, Double> knn = new LinkedHashMap<>();
    for (int k : ks) {
      knn.put("k=" + k, new Evaluator(protocol.withKnnK(k), seed)
          .measure(bank, queries, classes, false).knnTop1());
    }
    return knn;
  }

  /** Refuses, with what to do, a raw-pixel bank of {@code images} over {@code maxBytes}. */
  static void requireRawPixelBankFits(FeatureExtractor pixels, int images, long maxBytes) {
    long bytes = pixels.pixelValues() * images * Float.BYTES;
    if (bytes > maxBytes) {
      throw new IllegalArgumentException(String.format(
          "--raw-pixels: %d images of %d values each make a %.1f GB bank, over the %s this"
              + " evaluation builds: leave --raw-pixels out, or evaluate on a smaller folder",
          images, pixels.pixelValues(), bytes / 1e9,
          maxBytes >= 1L << 30 ? (maxBytes >> 30) + " GB" : (maxBytes >> 20) + " MB"));
    }
  }

  /** The run's image-folder settings with another root; a plain image folder otherwise. */
  private static DataSpec folder(DataSpec runData, String root) {
    return runData instanceof ImageFolder folder ? folder.withRoot(root) : ImageFolder.at(root);
  }

  private static Path defaultFolder(Path checkpoint, Optional<String> data, boolean randomInit) {
    Path run = checkpoint.toAbsolutePath().getParent().getParent();
    String name =
        (randomInit ? "eval-random-init" : "eval")
            + data.map(d -> "-" + Path.of(d).toAbsolutePath().normalize().getFileName()).orElse("");
    return run.resolve(name);
  }

  private static Features subset(Features all, int[] rows, NDManager manager) {
    int[] labels = new int[rows.length];
    long[] index = new long[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = all.labels()[rows[i]];
      index[i] = rows[i];
    }
    return new Features(all.features().get(new NDIndex("{}", manager.create(index))), labels);
  }

  private static EvalReport.Probe probe(ProbeResult result, int images) {
    return new EvalReport.Probe(images, result.top1(), result.top5());
  }
}
