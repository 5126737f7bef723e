package vitssl.runner.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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

  /**
   * This process's path, from its {@code LD_PRELOAD} and the processor's vendor and instruction
   * sets.
   */
  public static String describe() {
    List<String> cpuinfo = cpuinfo();
    return describe(
        System.getenv("LD_PRELOAD"),
        field(cpuinfo, "vendor_id"),
        Arrays.asList(field(cpuinfo, "flags").split(" ")));
  }

  static String describe(String preload, String vendor, List<String> flags) {
    boolean preloaded =
        preload != null
            && Arrays.stream(preload.split("[: ]"))
                .anyMatch(p -> p.endsWith("/" + LIBRARY) || p.equals(LIBRARY));
    if (!vendor.equals("AuthenticAMD")) {
      return "MKL's own dispatch (" + (vendor.isEmpty() ? "processor vendor unknown" : vendor) + ")";
    }
    String kernels = widest(flags) + " kernels";
    return preloaded
        ? "MKL's " + kernels + " on AMD (" + LIBRARY + " preloaded)"
        : "MKL's generic kernels on AMD: run through bin/vitssl, or preload "
            + LIBRARY
            + " (bin/setup builds it), for its "
            + kernels;
  }

  /** The widest vector instruction set MKL picks its sgemm by, from the processor's flags. */
  static String widest(List<String> flags) {
    return flags.contains("avx512f") ? "AVX-512" : flags.contains("avx2") ? "AVX2" : "SSE";
  }

  private static String field(List<String> cpuinfo, String name) {
    return cpuinfo.stream()
        .filter(l -> l.startsWith(name))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("");
  }

  private static List<String> cpuinfo() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo"));
    } catch (IOException e) {
      return List.of();
    }
  }
}
