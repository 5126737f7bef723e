package vitssl.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts DJL's PyTorch engine offline. Without {@code ai.djl.offline=true} DJL contacts the network
 * at every start; with it, the natives come only from the {@code pytorch-native-*} jar on the
 * class path (or a local libtorch named by {@code PYTORCH_LIBRARY_PATH}). A caller's own {@code
 * -Dai.djl.offline=false} is kept: the GPU build's way to fetch its CUDA natives. Settings are
 * system properties read once when the engine class loads, so this must
 * run before anything touches {@link Engine}; a later call with other settings fails loudly
 * rather than being silently ignored.
 */
public final class EngineSetup {
  public static final String NATIVE_CACHE_ENV = "VITSSL_NATIVE_CACHE";

  /**
   * DJL's switch for network access; true unless the caller set it. The GPU build sets it false on
   * its first start, so DJL can fetch the CUDA natives matching the machine.
   */
  public static final String OFFLINE = "ai.djl.offline";

  private static EngineSettings started;

  private EngineSetup() {}

  /** Starts the engine (once per JVM) and returns the device runs should use. */
  public static synchronized Device start(EngineSettings settings) {
    if (started != null) {
      if (!started.equals(settings)) {
        throw new IllegalStateException(
            "the engine already started with " + started + "; it cannot restart with " + settings
                + " in the same process: pass the threads and native cache once, at start-up");
      }
      return device();
    }
    if (System.getProperty(OFFLINE) == null) {
      System.setProperty(OFFLINE, "true");
    }
    System.setProperty("ai.djl.default_engine", "PyTorch");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(settings.threadsOrAllCores()));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("disableProgressBar", "true");
    Optional<Path> cache =
        settings.nativeCache().or(() -> Optional.ofNullable(System.getenv(NATIVE_CACHE_ENV)).map(Path::of));
    cache.ifPresent(
        dir -> {
          try {
            Files.createDirectories(dir);
          } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                "native cache folder " + dir + " cannot be created (" + e.getMessage()
                    + "): pass a writable folder with --native-cache", e);
          }
          System.setProperty("ENGINE_CACHE_DIR", dir.toAbsolutePath().toString());
        });
    Engine engine = Engine.getEngine("PyTorch");
    started = settings;
    return pick(engine);
  }

  /** Starts with default settings if nothing started the engine yet; for tests and tools. */
  public static synchronized Device ensureStarted() {
    return started != null ? device() : start(EngineSettings.defaults());
  }

  /** The GPU when the engine sees one, else the CPU: the same recipe runs on both. */
  public static Device device() {
    return pick(Engine.getEngine("PyTorch"));
  }

  private static Device pick(Engine engine) {
    return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }
}
