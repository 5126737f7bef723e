package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CacheFolderTest {
  private static final Map<String, String> WITH_VARIABLE = Map.of("VITSSL_CACHE", "/var/cache/x");

  @Test
  void theSpecsFolderComesFirst() {
    assertThat(CacheFolder.resolve(Optional.of("/data/c"), WITH_VARIABLE::get, "/home/u"))
        .isEqualTo(Path.of("/data/c"));
  }

  @Test
  void thenTheEnvironmentVariable() {
    assertThat(CacheFolder.resolve(Optional.empty(), WITH_VARIABLE::get, "/home/u"))
        .isEqualTo(Path.of("/var/cache/x"));
  }

  @Test
  void thenTheUsersCacheFolder() {
    assertThat(CacheFolder.resolve(Optional.empty(), Map.of("VITSSL_CACHE", " ")::get, "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/vitssl"));
    assertThat(CacheFolder.resolve(Optional.empty(), name -> null, "/home/u"))
        .isEqualTo(Path.of("/home/u/.cache/vitssl"));
  }

  @Test
  void aBlankSpecFolderIsAnError() {
    assertThatThrownBy(() -> CacheFolder.resolve(Optional.of(""), name -> null, "/home/u"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Cifar10.cacheDir is blank")
        .hasMessageContaining("leave it unset");
  }
}
