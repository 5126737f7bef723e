package vitssl.runner;

import vitssl.io.AtomicFiles;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vitssl.analysis.InstabilityReport;
import vitssl.augment.Batch;
import vitssl.augment.BatchLoader;
import vitssl.augment.EvalTransform;
import vitssl.augment.ImageTransform;
import vitssl.augment.MultiViewTransform;
import vitssl.augment.ViewShape;
import vitssl.data.Dataset;
import vitssl.dsl.Experiment;
import vitssl.dsl.SpecJson;
import vitssl.dsl.augment.View;
import vitssl.dsl.backbone.ClippedPatchProjection;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.monitor.Knn;
import vitssl.dsl.monitor.MonitorSpec;
import vitssl.eval.Accuracy;
import vitssl.eval.KnnClassifier;
import vitssl.eval.FeatureScaling;
import vitssl.eval.LinearProbeTrainer;
import vitssl.eval.ProbeResult;
import vitssl.inject.Components;
import vitssl.model.Backbone;
import vitssl.report.RunReport;
import vitssl.train.LossContext;
import vitssl.train.LrSchedule;
import vitssl.train.MomentumSchedule;
import vitssl.train.MomentumUpdate;
import vitssl.train.ParameterOptimizer;
import vitssl.train.SiameseLoss;

/** One run of an experiment, from an empty (or resumed) folder to its summary and report. */
final class Run {
  private final Experiment experiment;
  private final RunOptions options;
  private final Components components;
  private final MonitorRegistry monitorRegistry;
  private final SpecJson json;
  private final Device device;
  private final RunFolder folder;
  private final String specJson;

  Run(
      Experiment experiment,
      RunOptions options,
      Components components,
      MonitorRegistry monitorRegistry,
      SpecJson json,
      Device device) {
    this.experiment = experiment;
    this.options = options;
    this.components = components;
    this.monitorRegistry = monitorRegistry;
    this.json = json;
    this.device = device;
    this.folder = new RunFolder(Path.of(experiment.outputOrDefault()));
    this.specJson = json.write(experiment);
  }

  RunResult execute() {
    long started = System.nanoTime();
    Checkpoints checkpoints = new Checkpoints(folder.root());
    Optional<Path> resumeFrom = resumePoint();
    if (options.resume() && folder.has(folder.summary())) {
      System.out.println("run " + folder.root() + " has finished already; its summary stands");
      return new RunResult(folder.root(), folder.readJson(folder.summary(), Summary.class));
    }
    Optional<CpuBudget> budget = CpuBudget.of(experiment, device);
    budget.ifPresent(
        b -> {
          if (b.epoch(CpuBudget.IMAGENET_TRAIN_IMAGES).compareTo(CpuBudget.LONGEST_EPOCH) > 0) {
            System.out.println(b.describe(CpuBudget.IMAGENET_TRAIN_IMAGES) + " (ImageNet-1k)");
          }
        });
    Dataset data = components.data(experiment.data());
    budget.ifPresent(b -> b.refuseIfTooSlow(data.train().size()));
    AtomicFiles.writeString(folder.spec(), specJson + "\n");
    MultiViewTransform views = new MultiViewTransform(experiment.augmentation());
    View first = experiment.augmentation().views().get(0);
    ImageTransform eval =
        new EvalTransform(
            experiment.backbone().imageSize(),
            experiment.data().evalCropFraction(),
            first.mean(),
            first.std());
    int workers = options.workersOrAllCores();

    try (NDManager manager = NDManager.newBaseManager(device)) {
      SiameseModel model = buildModel(manager);
      ParameterOptimizer optimizer = components.optimizer(experiment.optimizer(), manager);
      MomentumUpdate momentum =
          new MomentumUpdate(model.keyAlignedQueryParameters(), model.keyParameters());
      momentum.copy();
      SiameseLoss loss = components.loss(experiment.loss());
      long perEpoch = data.train().size() / experiment.batchSize();
      loss.initialize(
          new LossContext(
              manager,
              experiment.projector().outputWidth(),
              perEpoch,
              experiment.length().toSteps(perEpoch, 0)));
      Map<String, Checkpoints.Part> parts = checkpointParts(model, optimizer, loss);

      long startStep = 0;
      if (resumeFrom.isPresent()) {
        startStep = Checkpoints.load(resumeFrom.get(), parts, manager).step();
        model.initialize();
        System.out.println("resuming " + folder.root() + " at step " + startStep);
      }
      RunContext context = new RunContext(experiment, model, data, eval, manager, workers, folder.root());
      double randomInitKnn = randomInitKnn(context, startStep);

      StepTimes times = new StepTimes();
      List<Monitor> monitors = new ArrayList<>();
      for (MonitorSpec spec : experiment.monitors()) {
        monitors.add(monitorRegistry.build(spec, context));
      }
      TrainingStep step =
          new TrainingStep(
              model,
              loss,
              optimizer,
              momentum,
              clipOf(model.queryBackbone()),
              monitors,
              manager,
              times);
      Loop loop = new Loop(step, times, monitors, checkpoints, parts, model, data, views, workers);
      Loop.Outcome trained = loop.run(startStep);

      InstabilityReport instability =
          InstabilityReport.analyse(folder.root(), experiment.instabilityDetection());
      System.out.println("final evaluation...");
      Map<String, Object> evaluation = evaluate(context, true);
      double wall = (System.nanoTime() - started) / 1e9;
      Summary summary =
          new Summary(
              experiment.name(),
              trained.steps(),
              trained.epochs(),
              wall,
              trained.trainSeconds(),
              trained.imagesPerSecond(),
              (double) evaluation.get("knn_top1"),
              randomInitKnn,
              (Double) evaluation.get("linear_top1"),
              (Double) evaluation.get("linear_top5"),
              trained.finalLoss(),
              trained.skippedSteps(),
              ProcessMemory.peakRssMb(),
              device.toString(),
              instability.headline());
      folder.writeJson(folder.summary(), summary);
      folder.writeJson(folder.benchmark(), times.toJson());
      Path report = RunReport.write(folder.root());
      System.out.printf(
          "%s: kNN top-1 %.2f (random init %.2f, +%.2f), linear top-1 %s, %d steps in %.0f s%n"
              + "report: %s%n",
          experiment.name(),
          summary.knnTop1(),
          summary.knnTop1RandomInit(),
          summary.knnGain(),
          summary.linearTop1() == null ? "-" : String.format("%.2f", summary.linearTop1()),
          summary.steps(),
          wall,
          report.toAbsolutePath());
      return new RunResult(folder.root(), summary);
    }
  }

  private Optional<Path> resumePoint() {
    return folder.resumePoint(
        options.resume(),
        previous -> {
          Experiment then = json.readExperiment(previous);
          return then.withLength(experiment.length()).equals(experiment.withLength(then.length()));
        });
  }

  private SiameseModel buildModel(NDManager manager) {
    Engine.getInstance().setRandomSeed((int) experiment.seed());
    Backbone query = components.backbone(experiment.backbone());
    Backbone key = components.backbone(experiment.backbone());
    int width = query.featureWidth();
    Block queryProjector = components.head(experiment.projector(), width);
    Block keyProjector = components.head(experiment.projector(), width);
    Optional<Block> predictor =
        experiment.predictor().map(p -> components.head(p, experiment.projector().outputWidth()));
    Shape input =
        new Shape(
            experiment.batchSize(),
            experiment.backbone().channels(),
            experiment.backbone().imageSize(),
            experiment.backbone().imageSize());
    return new SiameseModel(query, queryProjector, predictor, key, keyProjector, manager, input);
  }

  /** The study's gradient clipping of the first layer, when the spec asks for it. */
  private Optional<TrainingStep.Clip> clipOf(Backbone backbone) {
    if (experiment.backbone() instanceof Vit vit
        && vit.patchProjection() instanceof ClippedPatchProjection clipped) {
      List<Parameter> firstLayer = backbone.layers().values().iterator().next();
      return Optional.of(new TrainingStep.Clip(firstLayer, clipped.maxNorm()));
    }
    return Optional.empty();
  }

  private Map<String, Checkpoints.Part> checkpointParts(
      SiameseModel model, ParameterOptimizer optimizer, SiameseLoss loss) {
    Map<String, Checkpoints.Part> parts = new LinkedHashMap<>();
    parts.put(Checkpoints.QUERY_ENCODER, Checkpoints.Part.of(model.queryEncoder()));
    model.predictor().ifPresent(p -> parts.put("predictor", Checkpoints.Part.of(p)));
    parts.put("key_encoder", Checkpoints.Part.of(model.keyEncoder()));
    if (loss.stateful()) {
      parts.put(
          "loss",
          new Checkpoints.Part() {
            @Override
            public void save(DataOutputStream out) throws IOException {
              loss.saveState(out);
            }

            @Override
            public void load(DataInputStream in, NDManager manager) throws IOException {
              loss.loadState(in, manager);
            }
          });
    }
    parts.put("optimizer", OptimizerPart.of(optimizer, TrainingStep.trained(model, loss)));
    return parts;
  }

  /** kNN top-1 of the backbone before any training, with the final evaluation's protocol. */
  private double randomInitKnn(RunContext context, long startStep) {
    if (folder.has(folder.baseline())) {
      return ((Number) folder.readJson(folder.baseline(), Map.class).get("knn_top1_random_init"))
          .doubleValue();
    }
    if (startStep > 0) {
      throw new IllegalStateException(
          folder.baseline() + " is missing, so the random-init kNN of this run is lost:"
              + " start the run again without --resume");
    }
    System.out.println("kNN of the randomly initialised backbone...");
    double top1 = (double) evaluate(context, false).get("knn_top1");
    folder.writeJson(folder.baseline(), Map.of("knn_top1_random_init", top1));
    return top1;
  }

  /**
   * kNN over the whole training split as the bank and the whole held-out split as queries, and
   * the linear probe on the same features when asked.
   */
  private Map<String, Object> evaluate(RunContext context, boolean probe) {
    Map<String, Object> out = new LinkedHashMap<>();
    try (NDManager scope = context.manager().newSubManager()) {
      Features bank = Features.of(context, context.data().train(), scope);
      Features queries = Features.of(context, context.data().heldOut(), scope);
      Accuracy knn =
          KnnClassifier.of(knnSpec(context.data().train().size()))
              .evaluate(bank.features(), bank.labels(), queries.features(), queries.labels());
      out.put("knn_top1", knn.top1());
      out.put("linear_top1", null);
      out.put("linear_top5", null);
      if (probe && experiment.linearProbe().isPresent()) {
        System.out.println("linear probe...");
        ProbeResult result =
            new LinearProbeTrainer(
                    experiment.linearProbe().get(), FeatureScaling.STANDARDISED, experiment.seed())
                .train(
                    bank.features(),
                    bank.labels(),
                    queries.features(),
                    queries.labels(),
                    context.data().train().classes().size());
        out.put("linear_top1", result.top1());
        out.put("linear_top5", result.top5());
      }
    }
    return out;
  }

  /**
   * The kNN settings of the experiment's kNN monitor, or the standard k = 200, T = 0.1; k is at
   * most the bank's size.
   */
  private Knn knnSpec(int bankSize) {
    Knn knn =
        experiment.monitors().stream()
            .filter(Knn.class::isInstance)
            .map(Knn.class::cast)
            .findFirst()
            .orElse(Knn.every(1));
    return knn.k() <= bankSize ? knn : knn.withK(bankSize).withBankSize(Optional.empty());
  }

  /** The training loop: batches, schedules, steps, logging, checkpoints, progress. */
  private final class Loop {
    record Outcome(
        long steps,
        double epochs,
        double trainSeconds,
        double imagesPerSecond,
        double finalLoss,
        long skippedSteps) {}

    private final TrainingStep step;
    private final StepTimes times;
    private final List<Monitor> monitors;
    private final Checkpoints checkpoints;
    private final Map<String, Checkpoints.Part> parts;
    private final SiameseModel model;
    private final Dataset data;
    private final MultiViewTransform views;
    private final int workers;

    Loop(
        TrainingStep step,
        StepTimes times,
        List<Monitor> monitors,
        Checkpoints checkpoints,
        Map<String, Checkpoints.Part> parts,
        SiameseModel model,
        Dataset data,
        MultiViewTransform views,
        int workers) {
      this.step = step;
      this.times = times;
      this.monitors = monitors;
      this.checkpoints = checkpoints;
      this.parts = parts;
      this.model = model;
      this.data = data;
      this.views = views;
      this.workers = workers;
    }

    Outcome run(long startStep) {
      int batchSize = experiment.batchSize();
      try (BatchLoader loader =
              BatchLoader.training(data.train(), views, batchSize)
                  .workers(workers)
                  .seed(experiment.seed())
                  .startBatch(startStep)
                  .open();
          MetricsLog log = MetricsLog.open(folder.metrics(), startStep)) {
        long perEpoch = loader.batchesPerEpoch();
        if (perEpoch < 1) {
          throw new IllegalArgumentException(
              "Experiment.batchSize = " + batchSize + " exceeds the " + data.train().size()
                  + " training images: use a batch of at most that many");
        }
        long total = experiment.length().toSteps(perEpoch, 0);
        LrSchedule lr = components.schedule(experiment.schedule());
        MomentumSchedule momentum = new MomentumSchedule(experiment.momentum());
        List<ViewShape> shapes = views.shapes();
        double peakLr = experiment.peakLr();
        double loss = Double.NaN;
        long skipped = 0;
        long trainNanos = 0;
        long images = 0;
        try (Progress progress = new Progress(experiment.name(), startStep, total)) {
          for (long s = startStep; s < total; s++) {
            long t0 = System.nanoTime();
            long waitBefore = loader.waitNanos();
            Batch batch = loader.next();
            times.add(StepTimes.Phase.DATA_WAIT, loader.waitNanos() - waitBefore);
            double rate = peakLr * lr.multiplier(s, total, perEpoch);
            double m = momentum.at(s, total);
            Map<String, Object> row = new LinkedHashMap<>();
            loss = step.run(batch, shapes, s, rate, m, row);
            boolean measured = false;
            for (Monitor monitor : monitors) {
              measured |= monitor.dueAt(s);
            }
            if (row.containsKey("skipped")) {
              skipped++;
              System.out.println("\nstep " + (s + 1) + ": loss or gradient not finite; step skipped");
            }
            for (Monitor monitor : monitors) {
              if (monitor.dueAt(s)) {
                monitor.afterStep(s, row);
              }
            }
            long dt = System.nanoTime() - t0;
            trainNanos += dt;
            images += batchSize;
            double epoch = (s + 1) / (double) perEpoch;
            double imagesPerSecond = batchSize / (dt / 1e9);
            if (measured
                || row.containsKey("skipped")
                || (s + 1) % experiment.logEvery() == 0
                || s == total - 1) {
              Map<String, Object> line = new LinkedHashMap<>();
              line.put("step", s + 1);
              line.put("epoch", epoch);
              line.put("loss", loss);
              line.put("lr", rate);
              line.put("momentum", m);
              line.put("images_per_second", imagesPerSecond);
              line.putAll(row);
              log.append(line);
            }
            progress.update(s + 1, epoch, loss, rate, images / (trainNanos / 1e9));
            if (s == startStep && total - startStep > 1) {
              // The first step carries one-time costs (first allocations, kernels loaded and
              // tuned); the phase split describes the steady state.
              times.reset();
            }
            if ((s + 1) % experiment.checkpointEvery() == 0 || s == total - 1) {
              checkpoints.save(s + 1, specJson, parts);
            }
          }
        }
        double seconds = trainNanos / 1e9;
        return new Outcome(
            total,
            total / (double) perEpoch,
            seconds,
            seconds > 0 ? images / seconds : 0,
            loss,
            skipped);
      }
    }
  }
}
