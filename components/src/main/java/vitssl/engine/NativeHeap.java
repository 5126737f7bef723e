package vitssl.engine;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.ptr.LongByReference;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The C heap: hands its free memory back to the system, and says how much of it is in use.
 * {@code bin/vitssl} tells the allocator to keep freed memory (jemalloc: pages never decay; glibc:
 * its mmap limit and trim threshold) so that every training step reuses the pages of the one
 * before instead of faulting them in again. After an evaluation, whose arrays (the kNN bank, the
 * similarity chunks, the probe's features) the training steps do not reuse in the same pattern,
 * that memory would stay resident for the rest of the run;
 * {@link #release()} returns it: under jemalloc by purging every arena ({@code
 * mallctl("arena.4096.purge")}), under glibc with {@code malloc_trim(0)}, which gives back every
 * free page of the main arena, its top included, and the free pages inside any other arena, not
 * their tops ({@code bin/vitssl} keeps glibc to the main arena). Under any other allocator it does
 * nothing.
 */
public final class NativeHeap {
  /** jemalloc's {@code MALLCTL_ARENAS_ALL}: a control name's arena index meaning all of them. */
  private static final int ALL_ARENAS = 4096;

  /** jemalloc's control function, present when jemalloc allocates for this process. */
  private static final Optional<Function> MALLCTL =
      linux(() -> NativeLibrary.getProcess().getFunction("mallctl"));

  private static final Optional<Function> TRIM = lookup("malloc_trim");

  private NativeHeap() {}

  /** Returns the heap's free pages to the system; true when the allocator was told to. */
  public static boolean release() {
    if (MALLCTL.isPresent()) {
      String purge = "arena." + ALL_ARENAS + ".purge";
      return MALLCTL.get().invokeInt(new Object[] {purge, null, null, null, 0L}) == 0;
    }
    return TRIM.map(trim -> trim.invokeInt(new Object[] {0}) == 1).orElse(false);
  }

  /**
   * Bytes the C heap has handed out and not had back, and bytes of it resident: jemalloc's {@code
   * stats.allocated} and {@code stats.resident}, refreshed first. Empty under any other allocator.
   *
   * @throws IllegalStateException where jemalloc does not answer
   */
  public static Optional<Usage> usage() {
    if (MALLCTL.isEmpty()) {
      return Optional.empty();
    }
    // The epoch is a uint64_t; writing any value refreshes the statistics.
    try (Memory refresh = new Memory(Long.BYTES)) {
      refresh.setLong(0, 1);
      int status =
          MALLCTL.get().invokeInt(new Object[] {"epoch", null, null, refresh, (long) Long.BYTES});
      if (status != 0) {
        throw new IllegalStateException(
            "jemalloc's statistics could not be refreshed (error " + status + ")");
      }
    }
    return Optional.of(new Usage(statistic("stats.allocated"), statistic("stats.resident")));
  }

  /** The C heap's use at one moment: bytes handed out, and bytes of the heap resident. */
  public record Usage(long allocated, long resident) {}

  /** A {@code size_t} statistic of jemalloc's. */
  private static long statistic(String name) {
    try (Memory value = new Memory(Native.SIZE_T_SIZE)) {
      LongByReference length = new LongByReference(Native.SIZE_T_SIZE);
      int status = MALLCTL.get().invokeInt(new Object[] {name, value, length, null, 0L});
      if (status != 0) {
        throw new IllegalStateException(
            "jemalloc's " + name + " could not be read (error " + status + ")");
      }
      return value.getLong(0);
    }
  }

  /** The allocator behind this process's {@code malloc}, in words, for benches and logs. */
  public static String describe() {
    return MALLCTL.isPresent() ? "jemalloc" : TRIM.isPresent() ? "glibc" : "the platform's";
  }

  /** A function of the process's C library, when it has one of that name. */
  private static Optional<Function> lookup(String name) {
    return linux(() -> NativeLibrary.getInstance("c").getFunction(name));
  }

  private static Optional<Function> linux(Supplier<Function> find) {
    if (!System.getProperty("os.name", "").startsWith("Linux")) {
      return Optional.empty();
    }
    try {
      return Optional.of(find.get());
    } catch (UnsatisfiedLinkError e) {
      return Optional.empty();
    }
  }
}
