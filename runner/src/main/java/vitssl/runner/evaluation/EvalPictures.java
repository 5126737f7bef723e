package vitssl.runner.evaluation;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vitssl.backbone.Backbone;
import vitssl.backbone.VitBackbone;
import vitssl.data.Dataset;
import vitssl.io.AtomicFiles;
import vitssl.pictures.AttentionMaps;
import vitssl.pictures.EmbeddingMap;
import vitssl.pictures.NeighbourGrid;
import vitssl.report.EvalPage;
import vitssl.report.PictureFile;

/**
 * The pictures of an evaluation: the t-SNE map of the held-out features, held-out queries with
 * their nearest training images, and for a ViT with a class token its attention maps. Drawn by
 * {@code vitssl eval} and at the end of every run, whose report shows them.
 *
 * @param mapFigures the map's point count and trustworthiness, for {@code eval.json}
 */
public record EvalPictures(List<EvalPage.Picture> pictures, Map<String, Double> mapFigures) {
  static final int NEIGHBOUR_ROWS = 6;
  static final int ATTENTION_ROWS = 4;

  public static EvalPictures draw(
      Backbone backbone,
      Dataset data,
      Features bank,
      Features queries,
      FeatureExtractor extractor,
      long seed,
      NDManager manager) {
    System.out.println("pictures...");
    List<EvalPage.Picture> pictures = new ArrayList<>();
    EmbeddingMap map =
        EmbeddingMap.of(
            queries.features(), queries.labels(), data.heldOut().classes(),
            "t-SNE of held-out features", seed);
    pictures.add(
        new EvalPage.Picture(
            PictureFile.EMBEDDING_MAP,
            map.png(),
            map.points() + " images; trustworthiness T(5) "
                + String.format("%.3f", map.trustworthiness())));
    pictures.add(
        new EvalPage.Picture(
            PictureFile.NEIGHBOURS,
            NeighbourGrid.draw(
                data.heldOut(), queries.features(), data.train(), bank.features(), NEIGHBOUR_ROWS,
                seed),
            "top " + NeighbourGrid.K + " by cosine similarity"));
    if (backbone instanceof VitBackbone vit && vit.vit().spec().pooling().usesClassToken()) {
      pictures.add(
          new EvalPage.Picture(
              PictureFile.ATTENTION,
              AttentionMaps.draw(
                  vit.vit(), data.heldOut(), extractor.transform(), ATTENTION_ROWS, seed, manager),
              ""));
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("points", (double) map.points());
    figures.put("trustworthiness", map.trustworthiness());
    return new EvalPictures(pictures, figures);
  }

  /** Writes each picture into {@code folder} under its file name. */
  public void writeInto(Path folder) {
    for (EvalPage.Picture picture : pictures) {
      AtomicFiles.writeOrFail(
          folder.resolve(picture.file().fileName()), out -> out.write(picture.png()));
    }
  }
}
