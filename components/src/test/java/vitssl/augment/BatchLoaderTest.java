package vitssl.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import vitssl.data.ImageSource;
import vitssl.data.RgbImage;
import vitssl.dsl.augment.Views;

class BatchLoaderTest {
  private static final Duration LIMIT = Duration.ofSeconds(10);
  private final MultiViewTransform twoViews = new MultiViewTransform(Views.cifar(8));
  private final ImageSource source = TestImages.source(10, 8, i -> i % 3);

  @Test
  void trainingVisitsEveryIndexOncePerEpochReshufflingAndDroppingTheRemainder() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (BatchLoader loader =
          BatchLoader.training(source, twoViews, 3).workers(2).seed(5).open()) {
        assertThat(loader.batchesPerEpoch()).isEqualTo(3);
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
          List<Integer> seen = new ArrayList<>();
          for (int b = 0; b < 3; b++) {
            Batch batch = loader.next();
            assertThat(batch.size()).isEqualTo(3);
            assertThat(batch.views()).hasDimensions(2, 3 * 3 * 8 * 8);
            for (int j = 0; j < 3; j++) {
              assertThat(batch.labels()[j]).isEqualTo(batch.indices()[j] % 3);
              seen.add(batch.indices()[j]);
            }
          }
          assertThat(seen).doesNotHaveDuplicates().allMatch(i -> i >= 0 && i < 10);
          epochs.add(seen);
        }
        assertThat(epochs.get(0)).isNotEqualTo(epochs.get(1));
        assertThat(loader.hasNext()).isTrue();
      }
    });
  }

  @Test
  void evaluationVisitsTheSourceOnceInOrderKeepingTheLastBatch() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (BatchLoader loader = BatchLoader.evaluation(source, twoViews, 4).workers(2).open()) {
        List<Integer> sizes = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        while (loader.hasNext()) {
          Batch batch = loader.next();
          sizes.add(batch.size());
          assertThat(batch.views()[0]).hasSize(batch.size() * 3 * 8 * 8);
          Arrays.stream(batch.indices()).forEach(seen::add);
        }
        assertThat(sizes).containsExactly(4, 4, 2);
        assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThatThrownBy(loader::next).isInstanceOf(NoSuchElementException.class);
      }
    });
  }

  /** Batches depend on (seed, batch number) only: not on worker count or timing. */
  @Test
  void batchesAreTheTransformOfTheirImagesWhateverTheWorkerCount() {
    assertTimeoutPreemptively(LIMIT, () -> {
      List<Batch> one = take(BatchLoader.training(source, twoViews, 3).seed(9).workers(1), 6);
      List<Batch> three = take(BatchLoader.training(source, twoViews, 3).seed(9).workers(3), 6);
      List<Batch> other = take(BatchLoader.training(source, twoViews, 3).seed(10).workers(3), 6);
      for (int b = 0; b < 6; b++) {
        assertThat(three.get(b).indices()).containsExactly(one.get(b).indices());
        assertThat(three.get(b).views()[0]).containsExactly(one.get(b).views()[0]);
        assertThat(three.get(b).views()[1]).containsExactly(one.get(b).views()[1]);
      }
      assertThat(other.get(0).views()[0]).isNotEqualTo(one.get(0).views()[0]);

      Batch batch = one.get(4);
      int index = batch.indices()[1];
      float[][] expected = {new float[2 * 192], new float[2 * 192]};
      twoViews.apply(source.image(index), ImageSeeds.random(9, 1, index), expected, 1);
      assertThat(Arrays.copyOfRange(batch.views()[1], 192, 384))
          .containsExactly(Arrays.copyOfRange(expected[1], 192, 384));
    });
  }

  /** Recycled view arrays are filled again, and the batches are those of a loader that never recycles. */
  @Test
  void recycledViewArraysAreReusedWithoutChangingTheBatches() {
    assertTimeoutPreemptively(LIMIT, () -> {
      List<Batch> fresh = take(BatchLoader.training(source, twoViews, 3).seed(4).workers(2), 8);
      List<float[][]> handedBack = new ArrayList<>();
      int reused = 0;
      try (BatchLoader loader =
          BatchLoader.training(source, twoViews, 3).seed(4).workers(2).prefetch(1).open()) {
        for (int b = 0; b < 8; b++) {
          Batch batch = loader.next();
          float[][] views = batch.views();
          reused += handedBack.stream().anyMatch(old -> old == views) ? 1 : 0;
          assertThat(batch.indices()).containsExactly(fresh.get(b).indices());
          assertThat(views[0]).containsExactly(fresh.get(b).views()[0]);
          assertThat(views[1]).containsExactly(fresh.get(b).views()[1]);
          handedBack.add(views);
          loader.recycle(batch);
        }
      }
      assertThat(reused).isGreaterThan(0);
    });
  }

  @Test
  void aSmallerLastBatchNeverGetsPooledArrays() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (BatchLoader loader =
          BatchLoader.evaluation(source, twoViews, 4).workers(1).prefetch(1).open()) {
        while (loader.hasNext()) {
          Batch batch = loader.next();
          assertThat(batch.views()[0]).hasSize(batch.size() * 3 * 8 * 8);
          loader.recycle(batch);
        }
      }
    });
  }

  @Test
  void startingAtABatchContinuesWhereTheRunStoppedEvenMidEpoch() {
    assertTimeoutPreemptively(LIMIT, () -> {
      List<Batch> run = take(BatchLoader.training(source, twoViews, 3).seed(2), 7);
      List<Batch> resumed = take(BatchLoader.training(source, twoViews, 3).seed(2).startBatch(4), 3);
      for (int b = 0; b < 3; b++) {
        assertThat(resumed.get(b).indices()).containsExactly(run.get(b + 4).indices());
        assertThat(resumed.get(b).views()[0]).containsExactly(run.get(b + 4).views()[0]);
      }
    });
  }

  @Test
  void aFailingImageSurfacesFromNextWithItsCause() {
    ImageSource broken = failingAt(7);
    assertTimeoutPreemptively(LIMIT, () -> {
      try (BatchLoader loader = BatchLoader.evaluation(broken, twoViews, 2).workers(2).open()) {
        assertThatThrownBy(() -> {
              for (int b = 0; b < 5; b++) {
                loader.next();
              }
            })
            .isInstanceOf(BatchLoadException.class)
            .hasMessageContaining("image 7 of batch 3")
            .hasRootCauseMessage("corrupt file img7.png");
      }
    });
  }

  @Test
  void closeStopsSlowWorkersPromptlyAndReleasesAWaitingConsumer() throws Exception {
    ImageSource slow = slow(200);
    BatchLoader loader = BatchLoader.training(slow, twoViews, 8).workers(2).open();
    CompletableFuture<Batch> waiting = CompletableFuture.supplyAsync(loader::next);
    Thread.sleep(300);
    long start = System.nanoTime();
    assertTimeoutPreemptively(LIMIT, loader::close);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertTimeoutPreemptively(LIMIT, () -> {
      assertThatThrownBy(waiting::get)
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IllegalStateException.class);
    });
    assertThatThrownBy(loader::next).hasMessageContaining("closed");
  }

  @Test
  void countsTheTimeTheConsumerWaited() {
    assertTimeoutPreemptively(LIMIT, () -> {
      try (BatchLoader loader = BatchLoader.training(slow(10), twoViews, 4).open()) {
        loader.next();
        assertThat(Duration.ofNanos(loader.waitNanos())).isGreaterThan(Duration.ofMillis(30));
      }
    });
  }

  @Test
  void rejectsSizesThatMakeNoBatch() {
    assertThatThrownBy(() -> BatchLoader.training(source, twoViews, 11).open())
        .hasMessageContaining("BatchLoader.batchSize = 11")
        .hasMessageContaining("use at most 10");
    assertThatThrownBy(() -> BatchLoader.evaluation(source, twoViews, 4).workers(0).open())
        .hasMessageContaining("BatchLoader.workers = 0");
  }

  private static List<Batch> take(BatchLoaderBuilder builder, int n) {
    try (BatchLoader loader = builder.open()) {
      List<Batch> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(loader.next());
      }
      return out;
    }
  }

  private ImageSource failingAt(int bad) {
    return new Delegating() {
      @Override
      public RgbImage image(int i) {
        if (i == bad) {
          throw new IllegalStateException("corrupt file img" + i + ".png");
        }
        return source.image(i);
      }
    };
  }

  private ImageSource slow(long millis) {
    return new Delegating() {
      @Override
      public RgbImage image(int i) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return source.image(i);
      }
    };
  }

  private abstract class Delegating implements ImageSource {
    @Override
    public int size() {
      return source.size();
    }

    @Override
    public int label(int i) {
      return source.label(i);
    }

    @Override
    public List<String> classes() {
      return source.classes();
    }
  }
}
