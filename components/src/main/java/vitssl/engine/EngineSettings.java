package vitssl.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the engine starts: intra-op threads and where the native libraries are unpacked.
 *
 * @param threads intra-op threads; empty means every core
 * @param nativeCache folder for the unpacked libtorch natives (~430 MB); empty means DJL's default
 *     under {@code user.home}, or {@code $VITSSL_NATIVE_CACHE} when set
 */
public record EngineSettings(Optional<Integer> threads, Optional<Path> nativeCache) {
  public static EngineSettings defaults() {
    return new EngineSettings(Optional.empty(), Optional.empty());
  }

  public int threadsOrAllCores() {
    return threads.orElse(Runtime.getRuntime().availableProcessors());
  }
}
