package vitssl.runner.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vitssl.augment.EvalTransform;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.Views;

class RawPixelsTest {
  /** Seven random 12x10 images in two classes. */
  private static final class Noise implements ImageSource {
    private final RgbImage[] images = new RgbImage[7];

    Noise() {
      SplittableRandom rng = new SplittableRandom(3);
      for (int i = 0; i < images.length; i++) {
        byte[] pixels = new byte[12 * 10 * 3];
        for (int p = 0; p < pixels.length; p++) {
          pixels[p] = (byte) rng.nextInt(256);
        }
        images[i] = new RgbImage(12, 10, pixels);
      }
    }

    @Override
    public int size() {
      return images.length;
    }

    @Override
    public int label(int i) {
      return i % 2;
    }

    @Override
    public List<String> classes() {
      return List.of("a", "b");
    }

    @Override
    public RgbImage image(int i) {
      return images[i];
    }
  }

  private final EvalTransform view =
      new EvalTransform(8, 0.875, Views.CIFAR10_MEAN, Views.CIFAR10_STD);
  private final FeatureExtractor encoder =
      new FeatureExtractor(view, images -> images.mean(new int[] {2, 3}), 3, 2);

  @Test
  void rawPixelsAreTheEvalViewFlattenedImageByImage() {
    Noise source = new Noise();
    try (NDManager manager = NDManager.newBaseManager()) {
      Features features = encoder.rawPixels().of(source, manager);
      assertThat(features.features().getShape().getShape()).containsExactly(7, 3 * 8 * 8);
      float[] all = features.features().toFloatArray();
      for (int i = 0; i < source.size(); i++) {
        float[] expected = new float[3 * 8 * 8];
        view.apply(source.image(i), expected, 0);
        float[] row = java.util.Arrays.copyOfRange(all, i * expected.length, (i + 1) * expected.length);
        assertThat(row).as("image %d", i).containsExactly(expected);
        assertThat(features.labels()[i]).isEqualTo(i % 2);
      }
    }
    assertThat(encoder.rawPixels().pixelValues()).isEqualTo(192);
  }

  @Test
  void aBankTooLargeToHoldIsRefusedWithWhatToDo() {
    assertThatThrownBy(
            () -> EncoderEvaluation.requireRawPixelBankFits(encoder.rawPixels(), 1_000_000, 1L << 20))
        .hasMessage(
            "--raw-pixels: 1000000 images of 192 values each make a 0.8 GB bank, over the 1 MB"
                + " this evaluation builds: leave --raw-pixels out, or evaluate on a smaller"
                + " folder");
    EncoderEvaluation.requireRawPixelBankFits(encoder.rawPixels(), 1000, 1L << 20);
  }
}
