package vitssl.engine;

import ai.djl.nn.AbstractBlock;

/**
 * A DJL block made of blocks, which answers {@link #isInitialized} from memory once it has been
 * true ({@link Initialization} says why): a ViT's forward would otherwise list its parameters once
 * per nesting level, every step. {@link #clear} forgets the answer, as it forgets the parameters.
 * The leaf layers of vitssl's models do the same ({@link Layers}).
 */
public abstract class CompositeBlock extends AbstractBlock {
  private final Initialization initialization = new Initialization();

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
