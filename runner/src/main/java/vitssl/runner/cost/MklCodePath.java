package vitssl.runner.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which of MKL's code paths libtorch's matrix products take in this process. On AMD processors
 * MKL runs a generic sgemm unless {@code mkl_serv_intel_cpu_true} answers yes; {@code bin/vitssl}
 * preloads a library that does ({@code bin/native/mkl_intel_path.c}). Benches print this beside
 * their rates, so a figure says which kernels it measured.
 */
public final class MklCodePath {
  /** The file name of the library bin/setup builds. */
  public static final String LIBRARY = "libvitssl_mkl_intel_path.so";

  private MklCodePath() {}

  /** This process's path, from its {@code LD_PRELOAD} and the processor's vendor. */
  public static String describe() {
    return describe(System.getenv("LD_PRELOAD"), vendor());
  }

  static String describe(String preload, String vendor) {
    boolean preloaded =
        preload != null
            && Arrays.stream(preload.split("[: ]"))
                .anyMatch(p -> p.endsWith("/" + LIBRARY) || p.equals(LIBRARY));
    if (!vendor.equals("AuthenticAMD")) {
      return "MKL's own dispatch (" + (vendor.isEmpty() ? "processor vendor unknown" : vendor) + ")";
    }
    return preloaded
        ? "MKL's AVX2 kernels on AMD (" + LIBRARY + " preloaded)"
        : "MKL's generic kernels on AMD: run through bin/vitssl, or preload "
            + LIBRARY
            + " (bin/setup builds it), for its AVX2 kernels";
  }

  private static String vendor() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("vendor_id"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("");
    } catch (IOException e) {
      return "";
    }
  }
}
