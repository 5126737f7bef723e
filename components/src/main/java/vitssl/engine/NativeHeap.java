package vitssl.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Optional;

/**
 * Hands the C heap's free memory back to the system. {@code bin/vitssl} tells glibc to keep freed
 * memory (its mmap limit and trim threshold) so that every training step reuses the pages of the
 * one before instead of faulting them in again. After an evaluation, whose arrays (the kNN bank,
 * the similarity chunks, the probe's features) the training steps do not reuse in the same
 * pattern, that memory would stay resident for the rest of the run; {@link #release()} returns it
 * with glibc's {@code malloc_trim(0)}, which gives back every free page of every arena, not only
 * the top of the heap. Where the C library is not glibc it does nothing.
 */
public final class NativeHeap {
  private static final Optional<Function> TRIM = lookup("malloc_trim");

  private NativeHeap() {}

  /** Returns the heap's free pages to the system; true when any were returned. */
  public static boolean release() {
    return TRIM.map(trim -> trim.invokeInt(new Object[] {0}) == 1).orElse(false);
  }

  /** Whether this process's C library can {@link #release()}: glibc on Linux. */
  public static boolean supported() {
    return TRIM.isPresent();
  }

  /** A function of the process's C library, when it has one of that name. */
  static Optional<Function> lookup(String name) {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return Optional.empty();
    }
    try {
      return Optional.of(NativeLibrary.getInstance("c").getFunction(name));
    } catch (UnsatisfiedLinkError e) {
      return Optional.empty();
    }
  }
}
