package vitssl.dsl.compute;

/**
 * The number format of the backbone's forward and backward pass. Parameters, optimizer state,
 * the heads (with their BatchNorm statistics) and the loss stay in fp32 in every case: the
 * backbone reads fp32 master weights cast to the compute type, and its features return to fp32
 * before the heads, as MoCo v3's mixed-precision training keeps fp32 master weights and takes its
 * loss in fp32.
 */
public enum Precision {
  /** Everything in fp32. */
  FP32,
  /** bfloat16: fp32's range, 8 bits of mantissa; no loss scaling needed. */
  BF16,
  /**
   * float16 with dynamic loss scaling, as PyTorch's {@code GradScaler}: the loss is multiplied by
   * a scale (2^16 at first) before the backward pass and the gradients divided by it after; a step
   * whose gradients overflow is skipped and halves the scale; 2,000 good steps in a row double it.
   */
  FP16
}
