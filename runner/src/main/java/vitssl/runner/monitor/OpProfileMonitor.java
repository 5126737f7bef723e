package vitssl.runner.monitor;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vitssl.dsl.monitor.OpProfile;

/**
 * Runs the engine's operator profiler over the spec's window of steps, then writes the trace, the
 * table of ops by self time ({@link OpTimes}) and that of the matrix products by shape ({@link
 * MatrixProducts}) into the run folder.
 */
final class OpProfileMonitor implements Monitor {
  static final String TRACE = "op_profile.json";
  static final String TABLE = "op_profile.md";

  private final OpProfile spec;
  private final Path folder;
  private boolean running;

  OpProfileMonitor(OpProfile spec, RunContext run) {
    this.spec = spec;
    this.folder = run.folder();
  }

  @Override
  public boolean dueAt(long step) {
    return step == spec.from() - 1 || step == last();
  }

  private long last() {
    return spec.from() + spec.steps() - 1;
  }

  @Override
  public void afterStep(long step, Map<String, Object> row) {
    if (step == spec.from() - 1 && !running) {
      JniUtils.startProfile(false, true, false);
      running = true;
    } else if (step == last() && running) {
      running = false;
      Path trace = folder.resolve(TRACE);
      JniUtils.stopProfile(trace.toString());
      try {
        Files.writeString(
            folder.resolve(TABLE),
            OpTimes.ofTrace(trace).markdown(spec.steps(), 40)
                + "\n"
                + MatrixProducts.ofTrace(trace).markdown(spec.steps()));
        System.out.printf(
            "op profile of steps %d-%d: %s%n", spec.from(), last(), folder.resolve(TABLE));
      } catch (IOException e) {
        throw new UncheckedIOException("could not summarise the op profile " + trace, e);
      }
    }
  }
}
