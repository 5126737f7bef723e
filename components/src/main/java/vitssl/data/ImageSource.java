package vitssl.data;

import java.util.List;

/** A labelled, indexed collection of images; safe to read from several threads at once. */
public interface ImageSource {
  int size();

  /** Class index of image {@code i}, into {@link #classes()}. */
  int label(int i);

  /** Class names; the index of a name is its label. */
  List<String> classes();

  /** Decodes image {@code i}; a corrupt file fails with a message naming it. */
  RgbImage image(int i);

  /** What messages call image {@code i}: its file's path where it has one. */
  default String name(int i) {
    return "image " + i;
  }

  /**
   * Images found undecodable so far, each replaced by another (see {@link CorruptImageGuard}); 0
   * for a source that cannot meet a damaged file.
   */
  default int replacedImages() {
    return 0;
  }
}
