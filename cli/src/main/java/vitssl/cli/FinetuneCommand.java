package vitssl.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vitssl.dsl.finetune.Finetune;
import vitssl.runner.finetune.Finetuning;

/** {@code vitssl finetune}: a pre-trained backbone and a linear classifier, trained end to end. */
@Command(
    name = "finetune",
    mixinStandardHelpOptions = true,
    description = {
      "Fine-tunes a pre-trained encoder end to end with a linear classifier.",
      "",
      "The recipe is the one moco-v3 used for transfer (DeiT's: AdamW, warmup and cosine, label"
          + " smoothing 0.1, drop path 0.1), on the pre-training run's data unless --data names a"
          + " labelled image folder. The run folder (default runs/<run>-finetune) receives"
          + " spec.json, metrics.jsonl with the held-out accuracy at every checkpoint,"
          + " checkpoints/, summary.json and report.html.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  vitssl finetune runs/mocov3-cifar10 --epochs 2",
      "  vitssl finetune runs/mocov3-cifar10 --epochs 2 --from-scratch",
      "  vitssl finetune runs/x/checkpoints/step-00000500.ckpt --data images/ --layer-decay 0.65",
      "  vitssl finetune --spec runs/mocov3-cifar10-finetune/spec.json --resume"
    })
final class FinetuneCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..1",
      paramLabel = "RUN_DIR|CHECKPOINT",
      description = "The pre-trained run folder (its latest checkpoint) or a checkpoint file.")
  Path weights;

  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "A fine-tune's JSON spec (e.g. an earlier fine-tune's spec.json) instead of"
          + " a pre-trained run.")
  Path spec;

  @Option(
      names = "--from-scratch",
      description = "The same fine-tune from a random initialisation: the run's backbone without"
          + " its weights, for comparison (into runs/<run>-finetune-scratch).")
  boolean fromScratch;

  @Option(
      names = "--layer-decay",
      paramLabel = "F",
      converter = Positive.Real.class,
      description = "Layer-wise lr decay (BEiT): layer k of n steps at F^(n-1-k) times the lr;"
          + " e.g. 0.65. Default: none, every layer at the same lr.")
  Double layerDecay;

  @Mixin RunOptionsMixin options;

  @Override
  public Integer call() {
    if ((weights == null) == (spec == null)) {
      throw new IllegalArgumentException(
          "give what to fine-tune: a pre-trained run (vitssl finetune runs/NAME) or --spec FILE,"
              + " not both");
    }
    if (options.runOptions().serve().isPresent()) {
      throw new IllegalArgumentException(
          "--serve shows pre-training runs; a fine-tune's curves are in its report.html: drop"
              + " --serve");
    }
    Finetune finetune = spec != null ? Finetuning.readSpec(spec) : Finetuning.deitOf(weights);
    if (fromScratch) {
      finetune =
          finetune.withWeights(Optional.empty()).withName(finetune.name() + "-scratch");
    }
    if (layerDecay != null) {
      finetune = finetune.withLayerDecay(layerDecay);
    }
    Finetuning.run(finetune, options.runOptions());
    return 0;
  }
}
