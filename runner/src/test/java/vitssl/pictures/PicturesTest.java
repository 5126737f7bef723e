package vitssl.pictures;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.data.ImageFolderData;
import vitssl.data.Dataset;
import vitssl.dsl.data.ImageFolder;
import vitssl.runner.TinyRuns;

class PicturesTest {
  @TempDir Path dir;
  @AutoClose private final NDManager manager = NDManager.newBaseManager();

  @Test
  void nearestAreTheTopKScoresInOrder() {
    Random random = new Random(4);
    float[] scores = new float[50];
    for (int j = 0; j < scores.length; j++) {
      scores[j] = (float) random.nextGaussian();
    }
    int[] expected =
        IntStream.range(0, 50).boxed()
            .sorted(Comparator.comparingDouble((Integer j) -> -scores[j]))
            .limit(8).mapToInt(Integer::intValue).toArray();
    assertThat(NeighbourGrid.nearest(scores, 8)).containsExactly(expected);
  }

  @Test
  void anEmbeddingMapOfSeparateClassesIsTrustworthyAndDrawn() throws Exception {
    int[] labels = new int[120];
    double[][] blobs = TSneTest.blobs(labels);
    float[] features = new float[120 * 10];
    for (int i = 0; i < 120; i++) {
      for (int d = 0; d < 10; d++) {
        features[i * 10 + d] = (float) blobs[i][d];
      }
    }
    EmbeddingMap map =
        EmbeddingMap.of(
            manager.create(features, new Shape(120, 10)), labels, List.of("a", "b", "c"), "map", 1);
    assertThat(map.points()).isEqualTo(120);
    assertThat(map.trustworthiness()).isGreaterThan(0.9);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(map.png()));
    assertThat(image.getWidth()).isEqualTo(720);
  }

  @Test
  void theNeighbourGridHasARowPerQueryAndTheQueryFirst() throws Exception {
    Path images = TinyRuns.imageFolder(dir.resolve("images"), 3, 8);
    Dataset data = ImageFolderData.open(ImageFolder.at(images.toString()).withHeldOutFraction(0.25));
    // Features: each image's mean colour, so neighbours are images of the same colour.
    NDArray bank = manager.create(meanColours(data.train()), new Shape(data.train().size(), 3));
    NDArray queries =
        manager.create(meanColours(data.heldOut()), new Shape(data.heldOut().size(), 3));
    byte[] png = NeighbourGrid.draw(data.heldOut(), queries, data.train(), bank, 4, 0);
    BufferedImage grid = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(grid.getHeight()).isEqualTo(4 * 68);
    assertThat(grid.getWidth()).isEqualTo(10 * 68);
  }

  private static float[] meanColours(vitssl.data.ImageSource source) {
    float[] out = new float[source.size() * 3];
    for (int i = 0; i < source.size(); i++) {
      var image = source.image(i);
      for (int c = 0; c < 3; c++) {
        double sum = 0;
        for (int y = 0; y < image.height(); y++) {
          for (int x = 0; x < image.width(); x++) {
            sum += image.at(x, y, c);
          }
        }
        out[i * 3 + c] = (float) (sum / (image.width() * image.height()));
      }
    }
    return out;
  }

}
