package vitssl.runner.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vitssl.engine.EngineSetup;

class CheckpointsTest {
  @TempDir Path dir;

  @Test
  void savesAtomicallyKeepsTheNewestAndLoadsTheSameValues() throws Exception {
    EngineSetup.ensureStarted();
    try (NDManager manager = NDManager.newBaseManager()) {
      Linear saved = Linear.builder().setUnits(3).build();
      saved.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
      Checkpoints checkpoints = new Checkpoints(dir);
      for (long step = 10; step <= 40; step += 10) {
        checkpoints.save(step, "{\"spec\": " + step + "}", Map.of("model", Checkpoints.Part.of(saved)));
      }
      try (var files = Files.list(dir.resolve("checkpoints"))) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted())
            .containsExactly("step-00000030.ckpt", "step-00000040.ckpt");
      }
      Path latest = checkpoints.latest().orElseThrow();
      assertThat(Checkpoints.header(latest)).isEqualTo(new Checkpoints.Header(40, "{\"spec\": 40}"));

      Linear loaded = Linear.builder().setUnits(3).build();
      loaded.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
      Checkpoints.load(latest, Map.of("model", Checkpoints.Part.of(loaded)), manager);
      var want = saved.getParameters().valueAt(0).getArray();
      assertThat(loaded.getParameters().valueAt(0).getArray().toFloatArray())
          .containsExactly(want.toFloatArray());

      assertThatThrownBy(() -> Checkpoints.load(latest, Map.of(), manager))
          .hasMessageContaining("holds a part \"model\"")
          .hasMessageContaining("delete it to resume from the one before");
    }
  }

  @Test
  void loadLeadingReadsTheFirstPartsAlone() {
    EngineSetup.ensureStarted();
    try (NDManager manager = NDManager.newBaseManager()) {
      Linear first = linear(manager);
      Linear second = linear(manager);
      Map<String, Checkpoints.Part> parts = new java.util.LinkedHashMap<>();
      parts.put("first", Checkpoints.Part.of(first));
      parts.put("second", Checkpoints.Part.of(second));
      Path file = new Checkpoints(dir).save(5, "{}", parts);

      Linear loaded = linear(manager);
      Checkpoints.loadLeading(file, Map.of("first", Checkpoints.Part.of(loaded)), manager);
      assertThat(loaded.getParameters().valueAt(0).getArray().toFloatArray())
          .containsExactly(first.getParameters().valueAt(0).getArray().toFloatArray());
      assertThatThrownBy(
              () -> Checkpoints.loadLeading(file, Map.of("second", Checkpoints.Part.of(loaded)), manager))
          .hasMessageContaining("holds a part \"first\" this run does not have");
      assertThatThrownBy(() -> Checkpoints.load(file, Map.of("first", Checkpoints.Part.of(loaded)), manager))
          .hasMessageContaining("holds a part \"second\" this run does not have");
    }
  }

  private static Linear linear(NDManager manager) {
    Linear linear = Linear.builder().setUnits(3).build();
    linear.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
    return linear;
  }
}
