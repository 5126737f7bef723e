package org.example.vitssl;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.immutables.value.Value;
import vitssl.dsl.SpecException;
import vitssl.dsl.backbone.BackboneSpec;

/**
 * A small convolutional backbone: {@code stages} of 3x3 convolution, BatchNorm, ReLU and 2x2
 * max-pooling, widths doubling from {@link #width()}, then global average pooling.
 */
@Value.Immutable
@JsonTypeName("small-conv-net")
@JsonDeserialize(as = ImmutableSmallConvNet.class)
public abstract class SmallConvNet implements BackboneSpec, WithSmallConvNet {
  @Override
  @Value.Default
  public int imageSize() {
    return 32;
  }

  @Value.Default
  public int width() {
    return 32;
  }

  @Value.Default
  public int stages() {
    return 3;
  }

  @Override
  public int featureWidth() {
    return width() << (stages() - 1);
  }

  public static SmallConvNet defaults() {
    return ImmutableSmallConvNet.builder().build();
  }

  @Value.Check
  protected void check() {
    SpecException.require(width() > 0, "SmallConvNet", "width", width(), "use a positive width");
    SpecException.require(
        stages() >= 1 && imageSize() >> stages() >= 1,
        "SmallConvNet",
        "stages",
        stages(),
        "each stage halves the image: use 1.." + Integer.numberOfTrailingZeros(Integer.highestOneBit(imageSize())));
  }
}
