package vitssl.dsl.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vitssl.dsl.Experiment;
import vitssl.dsl.Frameworks;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.SpecException;
import vitssl.dsl.SpecJson;
import vitssl.dsl.SpecJsonTest;

class ComputeTest {
  private final SpecJson json = SpecJson.withTypes(SpecJsonTest.TYPES);

  @Test
  void defaultsToOneReplicaInFp32() {
    Compute compute = SpecJsonTest.sample().compute();
    assertThat(compute.devices()).isEmpty();
    assertThat(compute.replicas()).isEqualTo(1);
    assertThat(compute.precision()).isEqualTo(Precision.FP32);
  }

  @Test
  void factoriesListOneDevicePerReplica() {
    assertThat(Compute.gpus(3).devices())
        .containsExactly(ComputeDevice.gpu(0), ComputeDevice.gpu(1), ComputeDevice.gpu(2));
    assertThat(Compute.cpuReplicas(4).replicas()).isEqualTo(4);
    assertThat(Compute.cpuReplicas(2).devices()).allMatch(d -> d.kind() == ComputeDevice.Kind.CPU);
  }

  @Test
  void roundTripsThroughJsonInsideAnExperiment() {
    Experiment e =
        SpecJsonTest.sample().withCompute(Compute.gpus(2).withPrecision(Precision.BF16));
    String text = json.write(e);
    assertThat(text).contains("\"precision\" : \"BF16\"", "\"kind\" : \"GPU\"");
    assertThat(json.readExperiment(text)).isEqualTo(e);
    assertThat(json.read(json.write(Compute.cpuReplicas(3)), Compute.class))
        .isEqualTo(Compute.cpuReplicas(3));
  }

  @Test
  void aSpecWithoutComputeReadsAsTheDefault() {
    String text = json.write(SpecJsonTest.sample()).replaceAll("(?s)\"compute\" : \\{[^}]*\\},", "");
    assertThat(text).doesNotContain("compute");
    assertThat(json.readExperiment(text).compute()).isEqualTo(Compute.defaults());
  }

  @Test
  void badDeviceListsNameTheFieldAndTheFix() {
    assertThatThrownBy(() -> ComputeDevice.gpu(-1))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("ComputeDevice.index = -1");
    assertThatThrownBy(
            () -> ImmutableCompute.builder().addDevices(ComputeDevice.gpu(1), ComputeDevice.gpu(1)).build())
        .hasMessageContaining("Compute.devices = [gpu1, gpu1]")
        .hasMessageContaining("list each GPU once");
    assertThatThrownBy(
            () -> ImmutableCompute.builder().devices(List.of(ComputeDevice.gpu(0), ComputeDevice.cpu())).build())
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> Compute.gpus(0)).hasMessageContaining("Compute.gpus = 0");
  }

  @Test
  void theBatchMustSplitEvenlyOverTheReplicas() {
    Experiment e = SpecJsonTest.sample();
    assertThatThrownBy(() -> e.withCompute(Compute.cpuReplicas(3)))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("Experiment.batchSize = 128")
        .hasMessageContaining("multiple of 3");
    assertThat(e.withCompute(Compute.cpuReplicas(4)).compute().replicas()).isEqualTo(4);
  }

  @Test
  void lowPrecisionIsForViTsOnViewsOfOneSize() {
    Experiment e = SpecJsonTest.sample();
    Compute bf16 = Compute.defaults().withPrecision(Precision.BF16);
    assertThat(e.withCompute(bf16).compute().precision()).isEqualTo(Precision.BF16);
    assertThatThrownBy(() -> e.withBackbone(ResNet.r50().withImageSize(32)).withCompute(bf16))
        .hasMessageContaining("Experiment.compute.precision = BF16")
        .hasMessageContaining("ViT backbones only");
    assertThatThrownBy(() -> e.with(Frameworks.swav(2)).withCompute(bf16))
        .hasMessageContaining("local views");
  }
}
