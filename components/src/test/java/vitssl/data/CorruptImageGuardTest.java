package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CorruptImageGuardTest {
  /** Ten one-pixel images whose red value is their index, label = index % 3; some are bad. */
  private static final class Files implements ImageSource {
    private final Set<Integer> bad;
    final AtomicInteger decodes = new AtomicInteger();

    Files(Integer... bad) {
      this.bad = Set.of(bad);
    }

    @Override
    public int size() {
      return 10;
    }

    @Override
    public int label(int i) {
      return i % 3;
    }

    @Override
    public List<String> classes() {
      return List.of("a", "b", "c");
    }

    @Override
    public RgbImage image(int i) {
      decodes.incrementAndGet();
      if (bad.contains(i)) {
        throw new DataException("Cannot decode f" + i + ".png");
      }
      return new RgbImage(1, 1, new byte[] {(byte) i, 0, 0});
    }

    @Override
    public String name(int i) {
      return "f" + i + ".png";
    }
  }

  private static int red(RgbImage image) {
    return image.pixels()[0];
  }

  @Test
  void aBadImageIsReplacedByTheNextGoodOneWithItsLabelAndCounted() {
    CorruptImageGuard guard = new CorruptImageGuard(new Files(3, 4, 9), "training", 0.5);

    assertThat(red(guard.image(3))).isEqualTo(5);
    assertThat(guard.label(3)).isEqualTo(5 % 3);
    assertThat(red(guard.image(4))).isEqualTo(5);
    assertThat(red(guard.image(9))).isEqualTo(0); // wraps round
    assertThat(guard.label(9)).isEqualTo(0);
    assertThat(red(guard.image(2))).isEqualTo(2);
    assertThat(guard.label(2)).isEqualTo(2);
    assertThat(guard.replacedImages()).isEqualTo(3);
  }

  @Test
  void eachBadFileIsNamedOnceAndDecodedOnce() {
    Files files = new Files(6);
    CorruptImageGuard guard = new CorruptImageGuard(files, "training", 0.5);
    PrintStream console = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      for (int epoch = 0; epoch < 3; epoch++) {
        guard.image(6);
      }
    } finally {
      System.setOut(console);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("skipping an undecodable training image: f6.png" + System.lineSeparator());
    assertThat(files.decodes.get()).isEqualTo(2 + 2); // 6 and 7 once, then 7 alone twice
  }

  @Test
  void theReplacementIsTheSameWhateverTheThreadsAndTheirOrder() throws Exception {
    int[] single = replacements(1);
    for (int run = 0; run < 5; run++) {
      assertThat(replacements(4)).containsExactly(single);
    }
  }

  private static int[] replacements(int threads) throws Exception {
    CorruptImageGuard guard = new CorruptImageGuard(new Files(1, 2, 5, 8, 9), "training", 0.6);
    PrintStream console = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> reds = new ArrayList<>();
      for (int i = 9; i >= 0; i--) {
        int index = i;
        reds.add(pool.submit(() -> red(guard.image(index)) * 10 + guard.label(index)));
      }
      int[] out = new int[10];
      for (int i = 0; i < 10; i++) {
        out[i] = reds.get(i).get();
      }
      return out;
    } finally {
      pool.shutdown();
      System.setOut(console);
    }
  }

  @Test
  void pastTheLimitTheSourceFailsNamingTheFirstBadFiles() {
    // ceil(0.1 x 10) = 1 bad image allowed
    CorruptImageGuard guard = new CorruptImageGuard(new Files(2, 7), "held-out", 0.1);
    PrintStream console = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream()));
    try {
      assertThat(red(guard.image(7))).isEqualTo(8);
      assertThatThrownBy(() -> guard.image(2))
          .isInstanceOf(DataException.class)
          .hasMessage(
              "2 of the 10 held-out images cannot be decoded, more than"
                  + " ImageFolder.maxCorruptFraction allows (1); first: f2.png, f7.png. Replace or"
                  + " remove these files, or raise maxCorruptFraction");
    } finally {
      System.setOut(console);
    }
  }

  @Test
  void aLimitOfZeroStopsAtTheFirstBadFile() {
    CorruptImageGuard guard = new CorruptImageGuard(new Files(4), "training", 0);
    PrintStream console = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream()));
    try {
      assertThat(red(guard.image(3))).isEqualTo(3);
      assertThatThrownBy(() -> guard.image(4)).hasMessageContaining("first: f4.png");
    } finally {
      System.setOut(console);
    }
  }
}
