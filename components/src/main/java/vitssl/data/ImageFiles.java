package vitssl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The image files vitssl reads: PNG and JPEG, any case of extension, hidden files skipped. */
public final class ImageFiles {
  private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");

  private ImageFiles() {}

  /** Whether {@code file} is a regular file with an image extension. */
  public static boolean isImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0
        && !name.startsWith(".")
        && Files.isRegularFile(file)
        && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * Every image under {@code folder}, at any depth (hidden folders skipped), sorted by path so
   * that every reader sees the same order.
   */
  public static List<Path> under(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new DataException(folder + " is not a folder: give a folder of .png or .jpg images");
    }
    try (Stream<Path> all = Files.walk(folder)) {
      List<Path> images =
          all.filter(p -> !hidden(folder.relativize(p))).filter(ImageFiles::isImage).sorted().toList();
      if (images.isEmpty()) {
        throw new DataException(
            folder + " holds no .png, .jpg or .jpeg images: give a folder that does");
      }
      return images;
    } catch (IOException e) {
      throw new DataException("Cannot list " + folder + ": check that it is readable", e);
    }
  }

  /** The images as a source with one class, "images", in the given order. */
  public static ImageSource source(List<Path> files) {
    ImageFileSource.Builder builder = new ImageFileSource.Builder(List.of("images"));
    files.forEach(file -> builder.add(file, 0));
    return builder.build();
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
