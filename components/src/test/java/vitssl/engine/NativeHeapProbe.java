package vitssl.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Run by {@link NativeHeapTest} in a JVM of its own: allocates 128 MB in half-MB blocks through
 * the process's {@code malloc}, writes them, frees them and releases, printing the allocator and
 * the resident bytes after writing, after freeing and after releasing; then, where the allocator
 * reports it ({@link NativeHeap#usage()}), the bytes it had handed out before the blocks, after
 * writing them and after freeing them.
 */
final class NativeHeapProbe {
  private NativeHeapProbe() {}

  public static void main(String[] args) throws Exception {
    NativeLibrary process = NativeLibrary.getProcess();
    Function malloc = process.getFunction("malloc");
    Function free = process.getFunction("free");
    long before = allocated();
    long blockSize = NativeHeapTest.MB / 2;
    Pointer[] blocks = new Pointer[256];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = malloc.invokePointer(new Object[] {blockSize});
      blocks[i].setMemory(0, blockSize, (byte) 1);
    }
    long written = NativeHeapTest.residentBytes();
    long allocatedWritten = allocated();
    for (Pointer block : blocks) {
      free.invoke(new Object[] {block});
    }
    long freed = NativeHeapTest.residentBytes();
    long allocatedFreed = allocated();
    if (!NativeHeap.release()) {
      throw new IllegalStateException("release() under " + NativeHeap.describe() + " failed");
    }
    long released = NativeHeapTest.residentBytes();
    System.out.println(
        NativeHeap.describe() + " " + written + " " + freed + " " + released + " " + before + " "
            + allocatedWritten + " " + allocatedFreed);
  }

  /** Bytes the allocator has handed out, or -1 where it does not say. */
  private static long allocated() {
    return NativeHeap.usage().map(NativeHeap.Usage::allocated).orElse(-1L);
  }
}
