package vitssl.runner.run;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vitssl.analysis.InstabilityReport;
import vitssl.augment.BatchLoader;
import vitssl.augment.MultiViewTransform;
import vitssl.backbone.Backbone;
import vitssl.data.Dataset;
import vitssl.dsl.Experiment;
import vitssl.dsl.compute.Compute;
import vitssl.inject.Components;
import vitssl.io.AtomicFiles;
import vitssl.loss.LossContext;
import vitssl.loss.SiameseLoss;
import vitssl.optim.ParameterOptimizer;
import vitssl.report.RunReport;
import vitssl.runner.compute.ComputeDevices;
import vitssl.runner.compute.ComputePlan;
import vitssl.runner.cost.CpuBudget;
import vitssl.runner.evaluation.EvalPictures;
import vitssl.runner.evaluation.EvaluationResult;
import vitssl.runner.evaluation.Evaluator;
import vitssl.runner.evaluation.FeatureExtractor;
import vitssl.runner.evaluation.Features;
import vitssl.runner.log.MetricsLog;
import vitssl.runner.monitor.Monitor;
import vitssl.runner.monitor.RunContext;
import vitssl.runner.reliability.CheckpointCadence;
import vitssl.runner.reliability.DataVerification;
import vitssl.runner.train.CheckpointParts;
import vitssl.runner.train.Checkpointing;
import vitssl.runner.train.Checkpoints;
import vitssl.runner.train.Schedules;
import vitssl.runner.train.SiameseModel;
import vitssl.runner.train.StepCount;
import vitssl.runner.train.StepTimes;
import vitssl.runner.train.TrainingLoop;
import vitssl.runner.train.TrainingStep;
import vitssl.schedule.MomentumSchedule;

/**
 * One run of an experiment, from an empty (or resumed) folder to its summary and report: the
 * assembly of the model, the loss, the optimizer, the monitors and the loop, each built elsewhere.
 */
public final class Run {
  private final Experiment experiment;
  private final RunOptions options;
  private final Components components;
  private final Wiring wiring;
  private final Device device;
  private final RunFolder folder;
  private final String specJson;

  public Run(Experiment experiment, RunOptions options, Wiring wiring, Device device) {
    this.experiment = experiment;
    this.options = options;
    this.wiring = wiring;
    this.components = wiring.components();
    this.device = device;
    this.folder = new RunFolder(Path.of(experiment.outputOrDefault()));
    this.specJson = wiring.json().write(experiment);
  }

  public RunResult execute() {
    long started = System.nanoTime();
    Checkpoints checkpoints = new Checkpoints(folder.root());
    Optional<Path> resumeFrom = new ResumePoint(folder, wiring.json()).find(experiment, options.resume(), checkpoints);
    if (options.resume() && folder.has(folder.summary())) {
      System.out.println("run " + folder.root() + " has finished already; its summary stands");
      return new RunResult(folder.root(), folder.readJson(folder.summary(), Summary.class));
    }
    Optional<CpuBudget> budget = CpuBudget.of(experiment, device);
    budget.ifPresent(CpuBudget::sayIfImageNetIsOutOfReach);
    Dataset data = components.data(experiment.data());
    budget.ifPresent(b -> b.refuseIfTooSlow(data.train().size()));
    if (options.verifyData()) {
      DataVerification.verify(data, options.workersOrAllCores());
    }
    AtomicFiles.writeString(folder.spec(), specJson + "\n");
    int workers = options.workersOrAllCores();

    try (NDManager manager = NDManager.newBaseManager(device)) {
      SiameseLoss loss = components.loss(experiment.loss());
      SiameseModel model = SiameseModel.of(experiment, loss, components, manager);
      ParameterOptimizer optimizer = components.optimizer(experiment.optimizer(), manager);
      StepCount count = StepCount.of(experiment, data.train().size());
      loss.initialize(
          new LossContext(
              manager, experiment.projector().outputWidth(), count.perEpoch(), count.total()));
      Checkpointing checkpointing =
          new Checkpointing(
              checkpoints,
              CheckpointCadence.of(experiment.checkpointEvery(), experiment.checkpointMinutes()),
              specJson,
              CheckpointParts.of(model, optimizer, loss));
      long startStep = 0;
      if (resumeFrom.isPresent()) {
        startStep = Checkpoints.load(resumeFrom.get(), checkpointing.parts(), manager).step();
        model.initialize();
        System.out.println("resuming " + folder.root() + " at step " + startStep);
      }
      FeatureExtractor features = features(model);
      Evaluator evaluator = new Evaluator(experiment.evaluation(), experiment.seed());
      double randomInitKnn =
          Baseline.knnTop1(folder, startStep, evaluator, features, data, manager);

      RunContext context =
          new RunContext(experiment, model.queryBackbone(), features, data, manager, folder.root());
      List<Monitor> monitors =
          experiment.monitors().stream().map(spec -> wiring.monitors().build(spec, context)).toList();
      ComputePlan compute = computePlan(model, manager);
      compute.pass().ifPresent(model::runBackbonesWith);
      TrainingStep step =
          new TrainingStep(
              model,
              loss,
              optimizer,
              clipOf(model.queryBackbone()),
              monitors,
              manager,
              new StepTimes(),
              compute);
      Schedules schedules =
          new Schedules(
              components.schedule(experiment.schedule()),
              experiment.peakLr(),
              new MomentumSchedule(experiment.momentum()),
              count);
      MultiViewTransform views = new MultiViewTransform(experiment.augmentation());
      TrainingLoop.Outcome trained;
      try (BatchLoader loader =
              BatchLoader.training(data.train(), views, experiment.batchSize())
                  .workers(workers)
                  .seed(experiment.seed())
                  .startBatch(startStep)
                  .open();
          MetricsLog log = MetricsLog.open(folder.metrics(), startStep)) {
        trained =
            new TrainingLoop(experiment.name(), experiment.logEvery(), step, schedules, checkpointing)
                .run(startStep, loader, views.shapes(), log);
      }

      InstabilityReport instability =
          InstabilityReport.analyse(folder.root(), experiment.instabilityDetection());
      System.out.println("final evaluation...");
      EvaluationResult evaluation;
      try (NDManager scope = manager.newSubManager()) {
        Features bank = features.of(data.train(), scope);
        Features queries = features.of(data.heldOut(), scope);
        evaluation = evaluator.measure(bank, queries, data.train().classes().size(), true);
        EvalPictures.draw(
                model.queryBackbone(), data, bank, queries, features, experiment.seed(), scope)
            .writeInto(folder.root());
      }
      double wall = (System.nanoTime() - started) / 1e9;
      Summary summary =
          Summary.of(
              experiment.name(),
              trained,
              evaluation,
              randomInitKnn,
              data.train().replacedImages() + data.heldOut().replacedImages(),
              wall,
              device.toString(),
              instability.headline());
      folder.writeJson(folder.summary(), summary);
      folder.writeJson(folder.benchmark(), step.times().toJson());
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

  /** The query backbone's features through the run's eval view (resize, centre crop, normalise). */
  private FeatureExtractor features(SiameseModel model) {
    return FeatureExtractor.of(
        experiment, experiment.data(), model::features, options.workersOrAllCores());
  }

  /** The spec's devices and number format for this model; replicas start from its weights. */
  private ComputePlan computePlan(SiameseModel model, NDManager manager) {
    Compute compute = experiment.compute();
    int size = experiment.backbone().imageSize();
    return ComputePlan.of(
        compute,
        ComputeDevices.of(compute, device),
        model.backbones(),
        () -> components.backbone(experiment.backbone()),
        manager,
        new Shape(
            experiment.batchSize() / compute.replicas(), experiment.backbone().channels(), size, size));
  }

  /** The study's gradient clipping of the first layer, when the backbone's spec asks for it. */
  private Optional<TrainingStep.Clip> clipOf(Backbone backbone) {
    return experiment.backbone().firstLayerGradientClip().isPresent()
        ? Optional.of(
            new TrainingStep.Clip(
                backbone.firstLayer(), experiment.backbone().firstLayerGradientClip().getAsDouble()))
        : Optional.empty();
  }
}
