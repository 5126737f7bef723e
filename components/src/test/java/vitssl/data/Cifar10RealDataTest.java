package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vitssl.data.Cifar10Data.Loaded;
import vitssl.data.Cifar10Data.Origin;

/**
 * The real package against published facts about CIFAR-10. The first run on a machine fetches and
 * decodes it (about a minute); later runs read the shared cache in seconds.
 */
class Cifar10RealDataTest {
  private static Path folder;
  private static Dataset data;

  @BeforeAll
  static void load() {
    folder = CacheFolder.resolve(Optional.empty(), System::getenv, System.getProperty("user.home"));
    data = Cifar10Data.load(folder, NpmTarball.CIFAR10, new NpmPack()).dataset();
  }

  @Test
  void splitsHaveTheOfficialSizesAndBalancedClasses() {
    assertThat(data.train().size()).isEqualTo(50_000);
    assertThat(data.heldOut().size()).isEqualTo(10_000);
    assertThat(perClass(data.train())).containsOnly(5_000);
    assertThat(perClass(data.heldOut())).containsOnly(1_000);
  }

  @Test
  void labelsStartInTheOfficialOrder() {
    assertThat(labels(data.train(), 10)).containsExactly(6, 9, 9, 4, 1, 1, 2, 7, 8, 3);
    assertThat(labels(data.heldOut(), 7)).containsExactly(3, 8, 8, 0, 6, 6, 1);
  }

  @Test
  void trainingChannelMeansMatchThePublishedOnes() {
    double[] sums = new double[3];
    for (int i = 0; i < data.train().size(); i++) {
      byte[] pixels = data.train().image(i).pixels();
      for (int p = 0; p < pixels.length; p++) {
        sums[p % 3] += pixels[p] & 0xff;
      }
    }
    double count = data.train().size() * 32.0 * 32.0;
    assertThat(sums[0] / count).isCloseTo(125.307, within(0.01));
    assertThat(sums[1] / count).isCloseTo(122.950, within(0.01));
    assertThat(sums[2] / count).isCloseTo(113.865, within(0.01));
  }

  @Test
  void firstPixelsAreThoseOfThePythonRelease() {
    RgbImage frog = data.train().image(0);
    assertThat(new int[] {frog.at(0, 0, 0), frog.at(0, 0, 1), frog.at(0, 0, 2)})
        .containsExactly(59, 62, 63);
    assertThat(new int[] {frog.at(1, 0, 0), frog.at(1, 0, 1), frog.at(1, 0, 2)})
        .containsExactly(43, 46, 45);
  }

  @Test
  void aSecondLoadReadsTheCache() {
    long start = System.nanoTime();
    Loaded again = Cifar10Data.load(folder, NpmTarball.CIFAR10, new NpmPack());
    double seconds = (System.nanoTime() - start) / 1e9;

    assertThat(again.origin()).isEqualTo(Origin.CACHE);
    assertThat(seconds).isLessThan(5.0);
    assertThat(labels(again.dataset().train(), 3)).containsExactly(6, 9, 9);
  }

  private static int[] perClass(ImageSource source) {
    int[] counts = new int[source.classes().size()];
    for (int i = 0; i < source.size(); i++) {
      counts[source.label(i)]++;
    }
    return counts;
  }

  private static int[] labels(ImageSource source, int count) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = source.label(i);
    }
    return labels;
  }
}
