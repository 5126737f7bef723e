package vitssl.runner;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vitssl.dsl.Experiment;
import vitssl.dsl.Span;
import vitssl.dsl.augment.Views;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.compute.Compute;
import vitssl.dsl.compute.Precision;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Momentum;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.engine.EngineSettings;
import vitssl.engine.EngineSetup;
import vitssl.inject.Components;
import vitssl.runner.run.Wiring;
import vitssl.runner.train.SyntheticTraining;

/**
 * What bin/gpu-check runs on a machine with a GPU: a tiny model's first steps on the GPU against
 * the same steps on the CPU from the same weights, then the study's ViT-S/16 MoCo v3 step at 224
 * px on synthetic batches for 50 steps in fp32 and in bf16, with images per second (steps after
 * the first) and the most GPU memory in use. Exits non-zero with one line where the engine sees
 * no GPU or the GPU's steps do not match the CPU's. {@code GpuCheck [--batch N] [--steps N]
 * [--spec-out FILE]}: the last writes the ViT-S/16 spec it runs, for the PyTorch peer's step on
 * the same model ({@code scripts/bench/moco_v3_step.py --spec FILE --device cuda}).
 */
public final class GpuCheck {
  /** Relative difference allowed between the CPU's and the GPU's losses over the first steps. */
  static final double FIRST_STEPS_TOLERANCE = 1e-2;

  static final int FIRST_STEPS = 3;

  private GpuCheck() {}

  public static void main(String[] args) {
    int batch = intFlag(args, "--batch", 128);
    int steps = intFlag(args, "--steps", 50);
    Device gpu = EngineSetup.start(EngineSettings.defaults());
    if (!gpu.isGpu() || Engine.getEngine("PyTorch").getGpuCount() == 0) {
      fail("the engine sees no GPU: build and run with bin/gpu-check (the -Pcuda build, CUDA natives"
          + " from DJL with VITSSL_OFFLINE=false or from PYTORCH_LIBRARY_PATH)");
    }
    Wiring wiring = Wiring.of();
    Components components = wiring.components();
    flag(args, "--spec-out", "a file to write the ViT-S/16 spec to")
        .ifPresent(file -> writeSpec(Path.of(file), wiring.json().write(vitSmall(batch))));
    System.out.println("gpu-check: " + gpu + ", " + Engine.getEngine("PyTorch").getGpuCount() + " GPU(s)");

    Experiment tiny = tiny();
    byte[] weights = SyntheticTraining.initialWeights(tiny, components);
    List<Double> cpu =
        SyntheticTraining.train(tiny, components, Device.cpu(), FIRST_STEPS, 1e-3, FIRST_STEPS, Optional.of(weights)).losses();
    List<Double> onGpu =
        SyntheticTraining.train(tiny, components, gpu, FIRST_STEPS, 1e-3, FIRST_STEPS, Optional.of(weights)).losses();
    double worst = 0;
    for (int s = 0; s < FIRST_STEPS; s++) {
      worst = Math.max(worst, Math.abs(onGpu.get(s) - cpu.get(s)) / Math.abs(cpu.get(s)));
    }
    System.out.printf(
        "tiny model, first %d steps: CPU losses %s, GPU losses %s, largest relative difference %.2e"
            + " (tolerance %.0e)%n",
        FIRST_STEPS, cpu, onGpu, worst, FIRST_STEPS_TOLERANCE);
    if (!(worst <= FIRST_STEPS_TOLERANCE)) {
      fail("the GPU's first steps differ from the CPU's by " + worst + " (relative): the CUDA natives"
          + " do not compute what the CPU build computes");
    }

    for (Precision precision : List.of(Precision.FP32, Precision.BF16)) {
      Experiment vitS = vitSmall(batch).withCompute(Compute.defaults().withPrecision(precision));
      SyntheticTraining.Outcome outcome =
          SyntheticTraining.train(vitS, components, gpu, steps, vitS.peakLr(), 4, Optional.empty());
      List<Double> losses = outcome.losses();
      if (!losses.stream().allMatch(Double::isFinite)) {
        fail("ViT-S/16 in " + precision + ": a loss was not finite: " + losses);
      }
      System.out.printf(
          "ViT-S/16 MoCo v3, 224 px, batch %d, %s: %d steps, %.1f img/s, peak GPU memory %.2f GiB,"
              + " loss %.4f -> %.4f%n",
          batch, precision, steps, batch * (steps - 1) / outcome.seconds(),
          outcome.peakDeviceBytes() / (double) (1L << 30), losses.get(0), losses.get(steps - 1));
    }
    System.out.println("gpu-check: passed");
  }

  /** A one-block ViT on 16 px images: small enough to run on the CPU in seconds. */
  static Experiment tiny() {
    return base(Vit.of(32, 1, 2).withImageSize(16).withPatchSize(8), 16, Mlp.layers(2).withHidden(64).withOut(16))
        .withBatchSize(8);
  }

  /** The study's ViT-S/16 MoCo v3 model at 224 px. */
  static Experiment vitSmall(int batch) {
    return base(Vit.small(), 224, Mlp.projector()).withBatchSize(batch);
  }

  private static Experiment base(Vit backbone, int size, Mlp head) {
    return Experiment.builder()
        .name("gpu-check")
        .data(ImageFolder.at("synthetic"))
        .augmentation(Views.byolAsymmetric(size))
        .backbone(backbone)
        .projector(head.withLayers(3))
        .predictor(head.withLayers(2))
        .loss(InfoNce.infoNce())
        .momentum(Momentum.cosine(0.99))
        .optimizer(AdamW.baseLr(1.5e-4).weightDecay(0.1))
        .schedule(WarmupConstant.warmup(Span.steps(1)))
        .batchSize(8)
        .steps(1)
        .build();
  }

  private static void writeSpec(Path file, String json) {
    try {
      Files.writeString(file, json);
      System.out.println("gpu-check: ViT-S/16 spec written to " + file);
    } catch (IOException e) {
      fail("--spec-out " + file + ": cannot write it (" + e.getMessage() + "): give a writable path");
    }
  }

  private static int intFlag(String[] args, String flag, int fallback) {
    Optional<String> text = flag(args, flag, "a whole number of 2 or more");
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value >= 2) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    fail(flag + " " + text.get() + ": give a whole number of 2 or more");
    return fallback;
  }

  /** The value after {@code flag}, if it is given; a flag with nothing after it fails. */
  private static Optional<String> flag(String[] args, String flag, String expected) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(flag)) {
        if (i == args.length - 1) {
          fail(flag + " needs " + expected + " after it");
        }
        return Optional.of(args[i + 1]);
      }
    }
    return Optional.empty();
  }

  private static void fail(String message) {
    System.err.println("gpu-check: FAILED: " + message);
    System.exit(1);
  }
}
