package vitssl.engine;

import ai.djl.nn.AbstractBlock;

/**
 * A DJL block made of blocks, which answers {@link #isInitialized} from memory once it has been
 * true. DJL asks that question at every forward pass in training mode, of every block the pass
 * enters, and answers it by listing every parameter of the block's subtree (each under its joined
 * name): a ViT's forward lists its parameters once per nesting level, every step, and the JVM
 * spends a few tenths of a second of a run's first steps compiling that listing. Nothing in the
 * list is needed once the parameters exist. {@link #clear} forgets the answer, as it forgets the
 * parameters.
 */
public abstract class CompositeBlock extends AbstractBlock {
  private boolean initialized;

  @Override
  public boolean isInitialized() {
    if (!initialized) {
      initialized = super.isInitialized();
    }
    return initialized;
  }

  @Override
  public void clear() {
    initialized = false;
    super.clear();
  }
}
