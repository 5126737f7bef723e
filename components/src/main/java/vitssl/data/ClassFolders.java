package vitssl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The class folders of one split: each visible sub-folder is a class, its PNG and JPEG files
 * (directly inside, any case of extension) are the class's images, sorted by file name so that
 * every run sees the same order.
 */
final class ClassFolders {
  private ClassFolders() {}

  /** Class name to its sorted image files, classes sorted by name. */
  static SortedMap<String, List<Path>> scan(Path folder) {
    SortedMap<String, List<Path>> classes = new TreeMap<>();
    for (Path classFolder : list(folder, Files::isDirectory)) {
      List<Path> images = list(classFolder, ClassFolders::isImage);
      if (images.isEmpty()) {
        throw new DataException(
            "Class folder %s holds no .png, .jpg or .jpeg images: add images to it or remove it"
                .formatted(classFolder));
      }
      classes.put(classFolder.getFileName().toString(), images);
    }
    if (classes.isEmpty()) {
      throw new DataException(
          "%s has no class folders: put each class's images in its own sub-folder, e.g. %s"
              .formatted(folder, folder.resolve("cat").resolve("0001.jpg")));
    }
    return classes;
  }

  private static boolean isImage(Path file) {
    return ImageFiles.isImage(file);
  }

  /** Visible entries of {@code folder} that pass {@code keep}, sorted by name. */
  private static List<Path> list(Path folder, Predicate<Path> keep) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(keep)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DataException("Cannot list " + folder + ": check that it is readable", e);
    }
  }
}
