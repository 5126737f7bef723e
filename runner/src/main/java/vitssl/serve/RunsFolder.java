package vitssl.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder whose runs the page shows, and the only place it reads from. A request names a file
 * by a path relative to this folder; {@link #resolve} refuses any path that could lead outside it:
 * a {@code ..} segment (after percent-decoding, so {@code %2e%2e} too), an absolute path, a
 * backslash or NUL, and a symbolic link whose target lies outside the folder.
 */
public final class RunsFolder {
  private final Path root;

  /** The runs folder; it must exist. */
  public RunsFolder(Path root) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "runs folder " + root + " is not a folder: give the folder your runs write to"
              + " (e.g. runs/)");
    }
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("could not open the runs folder " + root, e);
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The existing file or folder at {@code relative} (segments separated by '/', already
   * percent-decoded), with every symbolic link followed, when it lies inside the runs folder.
   *
   * @throws Refusal 400 for a malformed path, 403 for one leading outside, 404 for none there
   */
  Path resolve(String relative) {
    if (relative.startsWith("/") || relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0) {
      throw new Refusal(Refusal.BAD_REQUEST, "give a path relative to the runs folder");
    }
    Path candidate = root;
    for (String segment : relative.split("/")) {
      if (segment.equals("..")) {
        throw new Refusal(Refusal.FORBIDDEN, "paths may not leave the runs folder");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        candidate = candidate.resolve(segment);
      }
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (NoSuchFileException e) {
      throw new Refusal(Refusal.NOT_FOUND, "no such file in the runs folder");
    } catch (IOException e) {
      throw new Refusal(Refusal.NOT_FOUND, "unreadable: " + e.getMessage());
    }
    if (!real.startsWith(root)) {
      throw new Refusal(Refusal.FORBIDDEN, "a link that leads outside the runs folder");
    }
    return real;
  }

  /** {@link #resolve}, for a regular file. */
  Path file(String relative) {
    Path file = resolve(relative);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new Refusal(Refusal.NOT_FOUND, "not a file: " + relative);
    }
    return file;
  }

  /** The file {@code name} of the run {@code runId}, when it exists inside the runs folder. */
  Optional<Path> fileOf(String runId, String name) {
    try {
      return Optional.of(file(runId + "/" + name));
    } catch (Refusal absentOrOutside) {
      return Optional.empty();
    }
  }

  /** The path of a file or folder inside the runs folder, '/'-separated, "." for the folder. */
  String relativeName(Path inside) {
    Path rel = root.relativize(inside);
    String name = rel.toString().replace(inside.getFileSystem().getSeparator(), "/");
    return name.isEmpty() ? "." : name;
  }
}
