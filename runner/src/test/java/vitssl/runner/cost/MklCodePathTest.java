package vitssl.runner.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MklCodePathTest {
  private static final List<String> AVX2 = List.of("fpu", "sse2", "avx", "fma", "avx2");
  private static final List<String> AVX512 =
      List.of("fpu", "sse2", "avx", "fma", "avx2", "avx512f", "avx512bw");

  @Test
  void amdWithTheLibraryPreloadedAmongOthersTakesItsWidestPath() {
    String preload = "/usr/lib/x.so:/home/u/.cache/vitssl/native/libvitssl_mkl_intel_path.so";
    assertThat(MklCodePath.describe(preload, "AuthenticAMD", AVX2))
        .startsWith("MKL's AVX2 kernels on AMD");
    assertThat(MklCodePath.describe(preload, "AuthenticAMD", AVX512))
        .startsWith("MKL's AVX-512 kernels on AMD");
    assertThat(MklCodePath.describe(preload, "AuthenticAMD", List.of("sse2")))
        .startsWith("MKL's SSE kernels on AMD");
  }

  @Test
  void amdWithoutItSaysHowToGetIt() {
    assertThat(MklCodePath.describe(null, "AuthenticAMD", AVX512))
        .contains("generic")
        .contains("bin/setup")
        .endsWith("for its AVX-512 kernels");
    assertThat(MklCodePath.describe("/lib/libvitssl_mkl_intel_path.so.bak", "AuthenticAMD", AVX2))
        .contains("generic");
  }

  @Test
  void intelNeedsNothing() {
    assertThat(MklCodePath.describe(null, "GenuineIntel", AVX512))
        .isEqualTo("MKL's own dispatch (GenuineIntel)");
  }
}
