package vitssl.runner.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MklCodePathTest {
  @Test
  void amdWithTheLibraryPreloadedAmongOthersTakesTheAvx2Path() {
    String preload = "/usr/lib/x.so:/home/u/.cache/vitssl/native/libvitssl_mkl_intel_path.so";
    assertThat(MklCodePath.describe(preload, "AuthenticAMD"))
        .startsWith("MKL's AVX2 kernels on AMD");
  }

  @Test
  void amdWithoutItSaysHowToGetIt() {
    assertThat(MklCodePath.describe(null, "AuthenticAMD")).contains("generic").contains("bin/setup");
    assertThat(MklCodePath.describe("/lib/libvitssl_mkl_intel_path.so.bak", "AuthenticAMD"))
        .contains("generic");
  }

  @Test
  void intelNeedsNothing() {
    assertThat(MklCodePath.describe(null, "GenuineIntel"))
        .isEqualTo("MKL's own dispatch (GenuineIntel)");
  }
}
