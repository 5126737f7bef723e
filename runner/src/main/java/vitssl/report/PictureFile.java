package vitssl.report;

/**
 * The pictures of an evaluation, by the file each is written to: {@code vitssl eval} draws them
 * into its folder, the end of a run into the run's folder, and both pages show those present.
 */
public enum PictureFile {
  EMBEDDING_MAP("embedding_map.png", "Embedding map", "t-SNE of held-out features by class"),
  NEIGHBOURS(
      "neighbours.png",
      "Nearest neighbours",
      "held-out queries (left) and their most similar training images; green frames share the"
          + " query's class"),
  ATTENTION(
      "attention.png",
      "Class-token attention, last block",
      "each row: the image as the encoder sees it, the mean over heads, then each head");

  private final String fileName;
  private final String title;
  private final String caption;

  PictureFile(String fileName, String title, String caption) {
    this.fileName = fileName;
    this.title = title;
    this.caption = caption;
  }

  public String fileName() {
    return fileName;
  }

  public String title() {
    return title;
  }

  public String caption() {
    return caption;
  }
}
