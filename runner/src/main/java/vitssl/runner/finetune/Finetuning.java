package vitssl.runner.finetune;

import ai.djl.Device;
import com.google.inject.Injector;
import com.google.inject.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import vitssl.dsl.Experiment;
import vitssl.dsl.SpecJson;
import vitssl.dsl.augment.View;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.finetune.Finetune;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.MonitorRegistry;
import vitssl.runner.RunOptions;
import vitssl.runner.Runner;
import vitssl.runner.pretrained.PretrainedRun;

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

  /**
   * moco-v3's transfer recipe ({@link Finetune#deit}) for the pre-trained run or checkpoint at
   * {@code weights}: its data, its backbone and its views' normalisation, starting from its
   * weights; named after the run.
   */
  public static Finetune deitOf(Path weights, Module... modules) {
    SpecJson json = json(modules);
    PretrainedRun run = PretrainedRun.at(weights, json);
    Experiment e = run.experiment();
    View first = e.augmentation().views().get(0);
    return Finetune.deit(e.name() + "-finetune", e.data(), e.backbone(), first.mean(), first.std())
        .withWeights(run.checkpoint().toString());
  }

  /** Reads a fine-tune's JSON spec, e.g. the {@code spec.json} of an earlier fine-tune. */
  public static Finetune readSpec(Path file, Module... modules) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          file + ": no such file; give the path of a fine-tune's JSON spec (its spec.json)");
    }
    SpecJson json = json(modules);
    try {
      return json.read(Files.readString(file, StandardCharsets.UTF_8), Finetune.class);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The JSON codec of every spec type the framework's modules and {@code modules} bind. */
  private static SpecJson json(Module... modules) {
    Injector injector = Runner.injector(modules);
    return Runner.specJson(
        injector.getInstance(Components.class), injector.getInstance(MonitorRegistry.class));
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
