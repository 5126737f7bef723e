package vitssl.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Frees the memory of every unreachable Java direct buffer and hands small blocks of it out again
 * filled with NaN: what a garbage collection between a forward and a backward pass can do to a
 * tensor that points into Java memory nothing holds any more.
 */
public final class GcChurn {
  private GcChurn() {}

  /**
   * Runs a full collection, waits for the buffers' cleaners, then keeps {@code blocks} freshly
   * allocated small direct buffers full of NaN alive until the returned list is dropped.
   */
  public static List<ByteBuffer> freeAndRefill(int blocks) throws InterruptedException {
    System.gc();
    Thread.sleep(50);
    List<ByteBuffer> kept = new ArrayList<>(blocks);
    for (int i = 0; i < blocks; i++) {
      ByteBuffer block = ByteBuffer.allocateDirect(4 * (1 + i % 4)).order(ByteOrder.nativeOrder());
      while (block.remaining() >= 4) {
        block.putFloat(Float.NaN);
      }
      kept.add(block);
    }
    return kept;
  }
}
