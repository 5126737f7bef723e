package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vitssl.dsl.SpecJson;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.data.Subset;
import vitssl.inject.Bindings;
import vitssl.inject.Components;
import vitssl.inject.CoreModule;

class SubsetDataTest {
  /** A dataset whose image {@code i} is one pixel of value {@code i % 256}, label {@code i % 3}. */
  record Numbered(int train, int heldOut) implements DataSpec {
    @Override
    public double evalCropFraction() {
      return 0.5;
    }
  }

  static ImageSource numbered(int size, int offset) {
    return new ImageSource() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public int label(int i) {
        return (i + offset) % 3;
      }

      @Override
      public List<String> classes() {
        return List.of("a", "b", "c");
      }

      @Override
      public RgbImage image(int i) {
        byte v = (byte) (i + offset);
        return new RgbImage(1, 1, new byte[] {v, v, v});
      }
    };
  }

  static final class NumberedModule extends AbstractModule {
    @Override
    protected void configure() {
      Bindings.data(
          binder(),
          Numbered.class,
          spec ->
              new Dataset("numbered", numbered(spec.train(), 0), numbered(spec.heldOut(), 100)));
    }
  }

  private static Dataset open(Subset spec) {
    return Guice.createInjector(new CoreModule(), new NumberedModule())
        .getInstance(Components.class)
        .data(spec);
  }

  /** The underlying index of each image of a subset of a numbered source. */
  private static List<Integer> indices(ImageSource source, int offset) {
    return java.util.stream.IntStream.range(0, source.size())
        .mapToObj(i -> (source.image(i).pixels()[0] & 0xff) - offset)
        .toList();
  }

  @Test
  void bothSplitsAreCutToDistinctImagesWithTheirOwnLabels() {
    Dataset data = open(Subset.of(new Numbered(200, 50), 40, 10));
    assertThat(data.train().size()).isEqualTo(40);
    assertThat(data.heldOut().size()).isEqualTo(10);
    List<Integer> train = indices(data.train(), 0);
    assertThat(new HashSet<>(train)).hasSize(40);
    assertThat(train).allSatisfy(i -> assertThat(i).isBetween(0, 199));
    for (int i = 0; i < data.train().size(); i++) {
      assertThat(data.train().label(i)).isEqualTo(train.get(i) % 3);
    }
    assertThat(indices(data.heldOut(), 100)).allSatisfy(i -> assertThat(i).isBetween(0, 49));
    assertThat(data.train().classes()).containsExactly("a", "b", "c");
  }

  @Test
  void theSameSeedPicksTheSameImagesAndAnotherSeedOthers() {
    Subset spec = Subset.of(new Numbered(200, 50), 40, 10);
    assertThat(indices(open(spec).train(), 0)).isEqualTo(indices(open(spec).train(), 0));
    Set<Integer> other = new HashSet<>(indices(open(spec.withSeed(5)).train(), 0));
    assertThat(other).isNotEqualTo(new HashSet<>(indices(open(spec).train(), 0)));
  }

  @Test
  void aSplitSmallerThanAskedIsUsedWhole() {
    Dataset data = open(Subset.of(new Numbered(20, 5), 40, 10));
    assertThat(indices(data.train(), 0)).isEqualTo(java.util.stream.IntStream.range(0, 20).boxed().toList());
    assertThat(data.heldOut().size()).isEqualTo(5);
  }

  @Test
  void evaluationCropIsTheUnderlyingDatasetsAndCountsAreChecked() {
    assertThat(Subset.of(new Numbered(1, 1), 1, 1).evalCropFraction()).isEqualTo(0.5);
    assertThatThrownBy(() -> Subset.of(new Numbered(1, 1), 0, 1))
        .hasMessageContaining("Subset.trainImages")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Subset.of(new Numbered(1, 1), 1, -2))
        .hasMessageContaining("Subset.heldOutImages");
  }

  @Test
  void roundTripsThroughJsonAroundAnotherDataSpec() {
    Subset spec = Subset.of(vitssl.dsl.data.Cifar10.cifar10(), 4096, 1024).withSeed(3);
    SpecJson json = SpecJson.withTypes(List.of(Subset.class, vitssl.dsl.data.Cifar10.class));
    String text = json.write(spec);
    assertThat(text).contains("\"type\" : \"subset\"").contains("\"type\" : \"cifar10\"");
    assertThat(json.read(text, DataSpec.class)).isEqualTo(spec);
  }
}
