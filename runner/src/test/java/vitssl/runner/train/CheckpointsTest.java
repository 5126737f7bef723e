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
}
