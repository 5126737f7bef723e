package vitssl.engine;

import java.util.function.BooleanSupplier;

/**
 * A block's answer to DJL's {@code isInitialized}, kept once it is true. DJL asks that question at
 * every forward pass in training mode, of every block the pass enters, and answers it by listing
 * every parameter of the block's subtree under its joined name; nothing in the list is needed
 * once the parameters exist. {@link #forget} is for the block's {@code clear()}, which drops them.
 */
final class Initialization {
  private boolean known;

  /** True once {@code ask} has answered true; asks again until then. */
  boolean remembered(BooleanSupplier ask) {
    if (!known) {
      known = ask.getAsBoolean();
    }
    return known;
  }

  void forget() {
    known = false;
  }
}
