package vitssl.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import vitssl.dsl.data.ImageFolder;

/**
 * Images in class folders, the ImageNet layout: {@code root/train/<class>} and {@code
 * root/val/<class>}, or {@code root/<class>} alone. Class index = position of the folder name in
 * sorted order; the class list comes from the training folders and is shared by both splits.
 *
 * <p>Without {@code train/} and {@code val/}, a deterministic {@link ImageFolder#heldOutFraction()}
 * f of every class is held out: with a class's images in sorted file-name order, image j (from 0)
 * is held out when {@code floor((j + 1) f) > floor(j f)}. That spreads {@code floor(n f)} held-out
 * images evenly through a class of n (with f = 0.1: the 10th, 20th, ... image) and keeps at least
 * one image of every class for training.
 *
 * <p>Images are decoded on each {@link ImageSource#image} call, never held in memory.
 */
public final class ImageFolderData {
  /**
   * Guards the floors of the held-out rule against products like 0.57 * 100 = 56.99999999999999.
   */
  private static final double EPSILON = 1e-9;

  private ImageFolderData() {}

  public static Dataset open(ImageFolder spec) {
    Path root = Path.of(spec.root());
    if (!Files.isDirectory(root)) {
      throw new DataException(
          ("ImageFolder.root = %s is not a folder: give the folder that holds one sub-folder of"
                  + " images per class (or train/ and val/ with those)")
              .formatted(root.toAbsolutePath()));
    }
    Path train = root.resolve("train");
    Path val = root.resolve("val");
    String name = nameOf(root);
    Dataset files =
        Files.isDirectory(train) || Files.isDirectory(val)
            ? splitByFolder(name, train, val)
            : splitByFraction(name, ClassFolders.scan(root), spec.heldOutFraction());
    return new Dataset(
        name,
        new CorruptImageGuard(files.train(), "training", spec.maxCorruptFraction()),
        new CorruptImageGuard(files.heldOut(), "held-out", spec.maxCorruptFraction()));
  }

  /** Whether image {@code position} (from 0, in sorted order) of a class is held out. */
  static boolean isHeldOut(int position, double fraction) {
    return Math.floor((position + 1) * fraction + EPSILON)
        > Math.floor(position * fraction + EPSILON);
  }

  private static Dataset splitByFolder(String name, Path train, Path val) {
    for (Path split : List.of(train, val)) {
      if (!Files.isDirectory(split)) {
        throw new DataException(
            ("%s is missing: a root with train/ or val/ needs both, each with one sub-folder per"
                    + " class (or put the class folders directly in the root instead)")
                .formatted(split));
      }
    }
    SortedMap<String, List<Path>> trainClasses = ClassFolders.scan(train);
    SortedMap<String, List<Path>> valClasses = ClassFolders.scan(val);
    List<String> classes = List.copyOf(trainClasses.keySet());
    for (String valClass : valClasses.keySet()) {
      if (!trainClasses.containsKey(valClass)) {
        throw new DataException(
            "Class folder %s has no counterpart in %s: add %s with training images, or remove it"
                .formatted(val.resolve(valClass), train, train.resolve(valClass)));
      }
    }
    return new Dataset(name, source(classes, trainClasses), source(classes, valClasses));
  }

  private static ImageFileSource source(List<String> classes, Map<String, List<Path>> files) {
    ImageFileSource.Builder builder = new ImageFileSource.Builder(classes);
    for (int label = 0; label < classes.size(); label++) {
      for (Path file : files.getOrDefault(classes.get(label), List.of())) {
        builder.add(file, label);
      }
    }
    return builder.build();
  }

  private static Dataset splitByFraction(
      String name, SortedMap<String, List<Path>> byClass, double fraction) {
    List<String> classes = new ArrayList<>(byClass.keySet());
    ImageFileSource.Builder train = new ImageFileSource.Builder(classes);
    ImageFileSource.Builder heldOut = new ImageFileSource.Builder(classes);
    for (int label = 0; label < classes.size(); label++) {
      List<Path> files = byClass.get(classes.get(label));
      for (int j = 0; j < files.size(); j++) {
        (isHeldOut(j, fraction) ? heldOut : train).add(files.get(j), label);
      }
    }
    return new Dataset(name, train.build(), heldOut.build());
  }

  private static String nameOf(Path root) {
    Path name = root.toAbsolutePath().normalize().getFileName();
    return name == null ? root.toString() : name.toString();
  }
}
