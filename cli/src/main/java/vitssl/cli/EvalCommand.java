package vitssl.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vitssl.runner.evaluation.EncoderEvaluation;

/** {@code vitssl eval}: a saved encoder measured on labelled images. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates a saved encoder on labelled images: kNN, linear probe, low-label probes.",
      "",
      "Features of the training split (the kNN bank, the probes' training set) and of the"
          + " held-out split (the queries) are taken once, through the run's eval view. On them:"
          + " weighted cosine kNN top-1 at k 20 and 200 (and the run's own k), T 0.1; the run's"
          + " linear probe on frozen features (MoCo v3's, if the run had none); the same probe on"
          + " 1%% and 10%% of each class's labels (fixed seeds; SimCLR's and BYOL's"
          + " semi-supervised protocol). On the run's own data it gives the end-of-run kNN"
          + " exactly. Writes eval.json, eval.html and its pictures: a t-SNE map of the held-out"
          + " features by class, nearest-neighbour rows, and for a ViT the class token's"
          + " attention maps in the last block.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  vitssl eval runs/mocov3-cifar10",
      "  vitssl eval runs/mocov3-cifar10 --data /data/pets",
      "  vitssl eval runs/mocov3-cifar10 --raw-pixels",
      "  vitssl eval runs/mocov3-cifar10 --data /data/pets --random-init",
      "  vitssl eval runs/x/checkpoints/step-00000500.ckpt --data /data/pets --out evals/x"
    })
final class EvalCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "RUN_DIR|CHECKPOINT",
      description = "The run folder (its latest checkpoint) or a checkpoint file.")
  Path weights;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "A labelled image folder (DIR/train/<class> and DIR/val/<class>, or"
          + " DIR/<class> with a held-out share of each class); default: the run's own data.")
  String data;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where eval.json and eval.html go (default: eval/ in the run's folder, or"
          + " eval-<data folder>/ with --data).")
  Path out;

  @Option(
      names = "--raw-pixels",
      description = "Also the kNN of the raw pixels (the eval view's normalised values,"
          + " flattened): the floor a learned encoder must beat. Small images only: the bank"
          + " holds every training image's pixels.")
  boolean rawPixels;

  @Option(
      names = "--random-init",
      description = "Measure the run's backbone at its random initialisation (its seed, as the"
          + " run drew it) instead of its trained weights: the floor pre-training must beat, on"
          + " any data. Into eval-random-init/ (or eval-random-init-<data folder>/).")
  boolean randomInit;

  @Mixin EngineOptionsMixin engine;

  @Override
  public Integer call() {
    EncoderEvaluation.run(
        weights, Optional.ofNullable(data), Optional.ofNullable(out), rawPixels, randomInit,
        engine.runOptions());
    return 0;
  }
}
