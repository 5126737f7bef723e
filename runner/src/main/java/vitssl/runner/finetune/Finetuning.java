package vitssl.runner.finetune;

import ai.djl.Device;
import com.google.inject.Injector;
import com.google.inject.Module;
import vitssl.dsl.SpecJson;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.finetune.Finetune;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.MonitorRegistry;
import vitssl.runner.RunOptions;
import vitssl.runner.Runner;

/**
 * Runs fine-tunes: one injector per run, as {@link Runner} does for pre-training, so a backbone
 * that another module registers fine-tunes the same way.
 */
public final class Finetuning {
  private Finetuning() {}

  /** Runs {@code spec} with the command line's changes; returns its summary. */
  public static FinetuneSummary run(Finetune spec, RunOptions options, Module... modules) {
    Device device = EngineSetup.start(options.engineSettings());
    Injector injector = Runner.injector(modules);
    Components components = injector.getInstance(Components.class);
    SpecJson json = Runner.specJson(components, injector.getInstance(MonitorRegistry.class));
    return new FinetuneRun(apply(options, spec), options, components, json, device).execute();
  }

  /** The fine-tune with the options' data folder, output folder, length and batch size. */
  public static Finetune apply(RunOptions options, Finetune spec) {
    Finetune f = spec;
    if (options.data().isPresent()) {
      f = f.withData(ImageFolder.at(options.data().get()));
    }
    if (options.out().isPresent()) {
      f = f.withOutput(options.out().get());
    }
    if (options.epochs().isPresent()) {
      f = f.withEpochs(options.epochs().get());
    }
    if (options.steps().isPresent()) {
      f = f.withSteps(options.steps().get());
    }
    if (options.batch().isPresent()) {
      f = f.withBatchSize(options.batch().get());
    }
    return f;
  }
}
