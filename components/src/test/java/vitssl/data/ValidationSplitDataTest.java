package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vitssl.dsl.SpecJson;
import vitssl.dsl.data.Cifar10;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.data.ValidationSplit;
import vitssl.inject.Components;
import vitssl.inject.CoreModule;

class ValidationSplitDataTest {
  private static Dataset open(ValidationSplit spec) {
    return Guice.createInjector(new CoreModule(), new SubsetDataTest.NumberedModule())
        .getInstance(Components.class)
        .data(spec);
  }

  /** The training split's index of each image (the numbered source's pixel is its index). */
  private static List<Integer> indices(ImageSource source) {
    return IntStream.range(0, source.size())
        .mapToObj(i -> source.image(i).pixels()[0] & 0xff)
        .toList();
  }

  @Test
  void theTrainingSplitIsDividedIntoTwoDisjointPartsAndTheHeldOutSplitIsUnused() {
    Dataset data = open(ValidationSplit.of(new SubsetDataTest.Numbered(200, 50), 30));

    List<Integer> train = indices(data.train());
    List<Integer> heldOut = indices(data.heldOut());
    assertThat(heldOut).hasSize(30).doesNotHaveDuplicates();
    assertThat(train).hasSize(170).doesNotHaveDuplicates().isSorted();
    assertThat(new HashSet<>(train)).doesNotContainAnyElementsOf(heldOut);
    List<Integer> union = new ArrayList<>(train);
    union.addAll(heldOut);
    assertThat(union).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 200).boxed().toList());
    for (int i = 0; i < data.heldOut().size(); i++) {
      assertThat(data.heldOut().label(i)).isEqualTo(heldOut.get(i) % 3);
    }
  }

  @Test
  void theHeldOutImagesAreThoseASubsetWithTheSameSeedPicks() {
    ValidationSplit spec = ValidationSplit.of(new SubsetDataTest.Numbered(200, 50), 30).withSeed(4);
    ImageSource picked = SubsetSource.of(SubsetDataTest.numbered(200, 0), 30, 4);

    assertThat(indices(open(spec).heldOut())).isEqualTo(indices(picked));
    assertThat(indices(open(spec.withSeed(5)).heldOut())).isNotEqualTo(indices(picked));
  }

  @Test
  void holdingOutTheWholeTrainingSplitIsRefusedWithTheCount() {
    assertThatThrownBy(() -> open(ValidationSplit.of(new SubsetDataTest.Numbered(20, 5), 20)))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("ValidationSplit.heldOutImages = 20")
        .hasMessageContaining("20 training images");
    assertThatThrownBy(() -> ValidationSplit.of(new SubsetDataTest.Numbered(20, 5), 0))
        .hasMessageContaining("ValidationSplit.heldOutImages");
  }

  @Test
  void roundTripsThroughTheRunsCodec() {
    ValidationSplit spec = ValidationSplit.of(Cifar10.cifar10(), 5000).withSeed(2);
    SpecJson json = SpecJson.withTypes(List.of(ValidationSplit.class, Cifar10.class));
    String text = json.write(spec);
    assertThat(text).contains("\"type\" : \"validation-split\"");
    assertThat(json.read(text, DataSpec.class)).isEqualTo(spec);
    assertThat(spec.evalCropFraction()).isEqualTo(Cifar10.cifar10().evalCropFraction());
  }
}
