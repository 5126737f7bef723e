package vitssl.runner.evaluation;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vitssl.backbone.Backbone;
import vitssl.backbone.VitBackbone;
import vitssl.data.Dataset;
import vitssl.pictures.AttentionMaps;
import vitssl.pictures.EmbeddingMap;
import vitssl.pictures.NeighbourGrid;
import vitssl.report.EvalPage;

/**
 * The pictures of an evaluation: the t-SNE map of the held-out features, held-out queries with
 * their nearest training images, and for a ViT with a class token its attention maps.
 *
 * @param mapFigures the map's point count and trustworthiness, for {@code eval.json}
 */
record EvalPictures(List<EvalPage.Picture> pictures, Map<String, Double> mapFigures) {
  static final int NEIGHBOUR_ROWS = 6;
  static final int ATTENTION_ROWS = 4;

  static EvalPictures draw(
      Backbone backbone,
      Dataset data,
      Features bank,
      Features queries,
      FeatureExtractor extractor,
      long seed,
      NDManager manager) {
    System.out.println("pictures...");
    int width = Math.toIntExact(queries.features().getShape().get(1));
    float[] held = queries.features().toFloatArray();
    List<EvalPage.Picture> pictures = new ArrayList<>();
    EmbeddingMap map =
        EmbeddingMap.of(
            held, width, queries.labels(), data.heldOut().classes(), "t-SNE of held-out features",
            seed);
    pictures.add(
        new EvalPage.Picture(
            "embedding_map.png",
            "Embedding map",
            map.png(),
            map.points() + " held-out images by class; trustworthiness T(5) "
                + String.format("%.3f", map.trustworthiness())));
    pictures.add(
        new EvalPage.Picture(
            "neighbours.png",
            "Nearest neighbours",
            NeighbourGrid.draw(
                data.heldOut(), held, data.train(), bank.features().toFloatArray(), width,
                NEIGHBOUR_ROWS, seed),
            "held-out queries (left) and their " + NeighbourGrid.K
                + " most similar training images; green frames share the query's class"));
    if (backbone instanceof VitBackbone vit && vit.vit().spec().pooling().usesClassToken()) {
      pictures.add(
          new EvalPage.Picture(
              "attention.png",
              "Class-token attention, last block",
              AttentionMaps.draw(
                  vit.vit(), data.heldOut(), extractor.transform(), ATTENTION_ROWS, seed, manager),
              "each row: the image, the mean over heads, then each head"));
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("points", (double) map.points());
    figures.put("trustworthiness", map.trustworthiness());
    return new EvalPictures(pictures, figures);
  }
}
