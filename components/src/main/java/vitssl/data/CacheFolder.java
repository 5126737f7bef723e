package vitssl.data;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where downloaded and decoded data live: the spec's folder if it names one, else {@code
 * $VITSSL_CACHE}, else {@code ~/.cache/vitssl}. One folder serves every run on the machine, so the
 * data are fetched and decoded once.
 */
final class CacheFolder {
  static final String VARIABLE = "VITSSL_CACHE";

  private CacheFolder() {}

  static Path resolve(Optional<String> configured, UnaryOperator<String> environment, String home) {
    if (configured.isPresent()) {
      if (configured.get().isBlank()) {
        throw new DataException(
            "Cifar10.cacheDir is blank: give a folder, or leave it unset to use $%s or %s"
                .formatted(VARIABLE, "~/.cache/vitssl"));
      }
      return Path.of(configured.get());
    }
    String variable = environment.apply(VARIABLE);
    if (variable != null && !variable.isBlank()) {
      return Path.of(variable);
    }
    return Path.of(home, ".cache", "vitssl");
  }
}
