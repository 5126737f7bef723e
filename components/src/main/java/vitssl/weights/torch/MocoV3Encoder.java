package vitssl.weights.torch;

/** Which of a moco-v3 checkpoint's two encoders to read. */
public enum MocoV3Encoder {
  /** The query encoder, trained by gradient: what moco-v3's convert_to_deit.py keeps. */
  BASE("base_encoder"),
  /** The momentum (key) encoder, the moving average of the base encoder. */
  MOMENTUM("momentum_encoder");

  private final String module;

  MocoV3Encoder(String module) {
    this.module = module;
  }

  /** The module's name in moco-v3's {@code MoCo} class. */
  public String module() {
    return module;
  }
}
