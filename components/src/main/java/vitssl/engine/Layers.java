package vitssl.engine;

import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

/**
 * DJL's Linear, LayerNorm and Conv2d as the layers of vitssl's models build them: the same layers,
 * which answer {@code isInitialized} from memory once it is true ({@link Initialization}), as
 * {@link CompositeBlock} does for the blocks made of them. A ViT's training step enters about sixty
 * of these layers; DJL's answer lists each one's parameters every time, and the JVM spends close
 * to half a second of a run's first minute compiling that listing. DJL's BatchNorm cannot be
 * extended from outside its package and keeps asking.
 */
public final class Layers {
  private Layers() {}

  /** {@code builder.build()}, remembering its initialisation. */
  public static Linear linear(Linear.Builder builder) {
    return new KnownLinear(builder);
  }

  /** {@code builder.build()}, remembering its initialisation. */
  public static LayerNorm layerNorm(LayerNorm.Builder builder) {
    return new KnownLayerNorm(builder);
  }

  /** {@code builder.build()}, remembering its initialisation. */
  public static Conv2d conv2d(Conv2d.Builder builder) {
    return new KnownConv2d(builder);
  }

  private static final class KnownLinear extends Linear {
    private final Initialization initialization = new Initialization();

    KnownLinear(Linear.Builder builder) {
      super(builder);
    }

    @Override
    public boolean isInitialized() {
      return initialization.remembered(super::isInitialized);
    }

    @Override
    public void clear() {
      initialization.forget();
      super.clear();
    }
  }

  private static final class KnownLayerNorm extends LayerNorm {
    private final Initialization initialization = new Initialization();

    KnownLayerNorm(LayerNorm.Builder builder) {
      super(builder);
    }

    @Override
    public boolean isInitialized() {
      return initialization.remembered(super::isInitialized);
    }

    @Override
    public void clear() {
      initialization.forget();
      super.clear();
    }
  }

  private static final class KnownConv2d extends Conv2d {
    private final Initialization initialization = new Initialization();

    KnownConv2d(Conv2d.Builder builder) {
      super(builder);
    }

    @Override
    public boolean isInitialized() {
      return initialization.remembered(super::isInitialized);
    }

    @Override
    public void clear() {
      initialization.forget();
      super.clear();
    }
  }
}
