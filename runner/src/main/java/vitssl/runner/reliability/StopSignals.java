package vitssl.runner.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT during training, what a scheduler sends before it preempts a job: the first
 * asks the loop to finish its step, write a checkpoint and stop ({@link RunStopped}); a second one
 * exits at once, as an impatient user expects. Outside the training loop (start-up, the final
 * evaluation, which a resume repeats from the last checkpoint) the JVM's own handling stands. A
 * signal the process started out ignoring (SIGINT in a non-interactive shell's background job,
 * {@code nohup}) stays ignored: the JVM installs no handler for it.
 */
public final class StopSignals implements AutoCloseable {
  private static final List<String> SIGNALS = List.of("TERM", "INT");

  private final AtomicInteger received = new AtomicInteger();
  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals() {}

  /** Handles the signals until {@link #close()}, which puts back the handlers before. */
  public static StopSignals install() {
    StopSignals stop = new StopSignals();
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      try {
        stop.previous.add(Signal.handle(signal, stop::receive));
        stop.signals.add(signal);
      } catch (IllegalArgumentException reservedByTheJvm) {
        // -Xrs or a JVM that keeps the signal to itself: its default handling stays
      }
    }
    return stop;
  }

  /** Whether a signal asked the run to stop after the current step. */
  public boolean requested() {
    return received.get() > 0;
  }

  private void receive(Signal signal) {
    if (received.incrementAndGet() == 1) {
      System.out.println(
          "\nSIG" + signal.getName() + ": finishing this step and writing a checkpoint;"
              + " send it again to exit at once");
    } else {
      System.out.println("\nSIG" + signal.getName() + " again: exiting at once");
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
