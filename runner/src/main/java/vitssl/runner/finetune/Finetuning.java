package vitssl.runner.finetune;

import ai.djl.Device;
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
import vitssl.runner.run.RunOptions;
import vitssl.runner.run.Wiring;
import vitssl.runner.pretrained.PretrainedRun;

/**
 * Runs fine-tunes: one injector per run ({@link Wiring}), as for pre-training, so a backbone
 * that another module registers fine-tunes the same way.
 */
public final class Finetuning {
  private Finetuning() {}

  /** Runs {@code spec} with the command line's changes; returns its summary. */
  public static FinetuneSummary run(Finetune spec, RunOptions options, Module... modules) {
    Device device = EngineSetup.start(options.engineSettings());
    Wiring wiring = Wiring.of(modules);
    return new FinetuneRun(apply(options, spec), options, wiring.components(), wiring.json(), device)
        .execute();
  }

  /**
   * moco-v3's transfer recipe ({@link Finetune#deit}) for the pre-trained run or checkpoint at
   * {@code weights}: its data, its backbone and its views' normalisation, starting from its
   * weights; named after the run.
   */
  public static Finetune deitOf(Path weights, Module... modules) {
    SpecJson json = Wiring.of(modules).json();
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
    SpecJson json = Wiring.of(modules).json();
    try {
      return json.read(Files.readString(file, StandardCharsets.UTF_8), Finetune.class);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
    }
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
