package vitssl.analysis;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import vitssl.dsl.monitor.InstabilityDetection;

/**
 * Instability detection for a run folder after the fact, e.g. one written before the runner did it
 * itself: {@code AnalyseRun runs/NAME} writes {@code instability.json} there and prints the tables,
 * with the default thresholds.
 */
public final class AnalyseRun {
  private AnalyseRun() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: AnalyseRun RUN_FOLDER (a folder holding metrics.jsonl)");
      System.exit(2);
    }
    try {
      System.out.print(analyse(Path.of(args[0])));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  /** What {@link #main} prints. */
  static String analyse(Path runFolder) {
    return InstabilityReport.analyse(runFolder, InstabilityDetection.defaults()).toMarkdown();
  }
}
