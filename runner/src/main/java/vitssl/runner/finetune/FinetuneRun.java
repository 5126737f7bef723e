package vitssl.runner.finetune;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vitssl.augment.EvalTransform;
import vitssl.data.Dataset;
import vitssl.dsl.SpecJson;
import vitssl.dsl.augment.View;
import vitssl.dsl.finetune.Finetune;
import vitssl.eval.Accuracy;
import vitssl.inject.Components;
import vitssl.io.AtomicFiles;
import vitssl.backbone.Backbone;
import vitssl.report.RunReport;
import vitssl.runner.train.CheckpointParts;
import vitssl.runner.train.Checkpointing;
import vitssl.runner.train.Checkpoints;
import vitssl.runner.monitor.ProcessMemory;
import vitssl.runner.reliability.CheckpointCadence;
import vitssl.runner.run.ResumePoint;
import vitssl.runner.run.RunFolder;
import vitssl.runner.run.RunOptions;
import vitssl.runner.pretrained.PretrainedRun;
import vitssl.optim.ParameterOptimizer;

/** One fine-tune, from an empty (or resumed) folder to its summary and report. */
final class FinetuneRun {
  private final Finetune spec;
  private final RunOptions options;
  private final Components components;
  private final SpecJson json;
  private final Device device;
  private final RunFolder folder;

  FinetuneRun(Finetune spec, RunOptions options, Components components, SpecJson json, Device device) {
    this.spec = spec;
    this.options = options;
    this.components = components;
    this.json = json;
    this.device = device;
    this.folder = new RunFolder(Path.of(spec.outputOrDefault()));
  }

  FinetuneSummary execute() {
    long started = System.nanoTime();
    String specJson = json.write(spec);
    Optional<Path> resumeFrom =
        new ResumePoint(folder, json)
            .find(
                options.resume(),
                new Checkpoints(folder.root()),
                previous -> json.read(previous, Finetune.class).withLength(spec.length()).equals(spec));
    if (options.resume() && folder.has(folder.summary())) {
      System.out.println("run " + folder.root() + " has finished already; its summary stands");
      return folder.readJson(folder.summary(), FinetuneSummary.class);
    }
    Optional<PretrainedRun> pretrained = spec.weights().map(w -> PretrainedRun.at(Path.of(w), json));
    Dataset data = components.data(spec.data());
    AtomicFiles.writeString(folder.spec(), specJson + "\n");
    View view = spec.augmentation();
    HeldOut heldOut =
        new HeldOut(
            data.heldOut(),
            new EvalTransform(view.size(), spec.data().evalCropFraction(), view.mean(), view.std()),
            Math.max(spec.batchSize(), 256),
            options.workersOrAllCores());
    try (NDManager manager = NDManager.newBaseManager(device)) {
      Engine.getInstance().setRandomSeed((int) spec.seed());
      Backbone backbone =
          pretrained.isPresent()
              ? pretrained.get().backbone(components, spec.backbone(), manager)
              : components.backbone(spec.backbone());
      Shape input = new Shape(spec.batchSize(), spec.backbone().channels(), view.size(), view.size());
      Classifier classifier = new Classifier(backbone, data.train().classes().size(), manager, input);
      ParameterOptimizer optimizer = components.optimizer(spec.optimizer(), manager);
      Map<String, Checkpoints.Part> parts = new LinkedHashMap<>();
      parts.put("classifier", Checkpoints.Part.of(classifier.block()));
      parts.put("optimizer", CheckpointParts.optimizer(optimizer, classifier.parameters()));
      long startStep = 0;
      if (resumeFrom.isPresent()) {
        startStep = Checkpoints.load(resumeFrom.get(), parts, manager).step();
        classifier.initialize();
        System.out.println("resuming " + folder.root() + " at step " + startStep);
      }
      List<LrGroup> groups =
          LrGroup.of(
              backbone.layers(),
              classifier.parameters(),
              classifier.headParameters(),
              spec.layerDecay());
      FinetuneStep step =
          new FinetuneStep(
              classifier, new SmoothedCrossEntropy(spec.labelSmoothing()), optimizer, groups, manager);
      FinetuneLoop.Outcome trained =
          new FinetuneLoop(
                  spec,
                  folder,
                  step,
                  classifier,
                  components.schedule(spec.schedule()),
                  new Checkpointing(
                      new Checkpoints(folder.root()),
                      CheckpointCadence.of(spec.checkpointEvery(), spec.checkpointMinutes()),
                      specJson,
                      parts),
                  heldOut,
                  manager)
              .run(data.train(), new OneView(view), options.workersOrAllCores(), startStep);
      Accuracy accuracy =
          trained.lastHeldOut().orElseGet(() -> heldOut.accuracy(classifier, manager));
      FinetuneSummary summary =
          new FinetuneSummary(
              spec.name(),
              pretrained.map(p -> p.checkpoint().toString()).orElse("none"),
              trained.steps(),
              trained.epochs(),
              (System.nanoTime() - started) / 1e9,
              trained.trainSeconds(),
              trained.imagesPerSecond(),
              accuracy.top1(),
              accuracy.top5(),
              trained.finalLoss(),
              ProcessMemory.peakRssMb(),
              device.toString());
      folder.writeJson(folder.summary(), summary);
      Path report = RunReport.write(folder.root());
      System.out.printf(
          "%s: held-out top-1 %.2f, top-5 %.2f (%s), %d steps in %.0f s%nreport: %s%n",
          spec.name(),
          summary.top1(),
          summary.top5(),
          pretrained.isPresent() ? "from " + summary.weights() : "from scratch",
          summary.steps(),
          summary.wallSeconds(),
          report.toAbsolutePath());
      return summary;
    }
  }
}
