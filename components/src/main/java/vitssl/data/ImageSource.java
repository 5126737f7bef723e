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
}
