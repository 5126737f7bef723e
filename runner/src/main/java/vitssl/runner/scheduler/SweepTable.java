package vitssl.runner.scheduler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vitssl.report.SweepReport;

/**
 * Writes an emitted sweep's table and overlays once its scheduler has run every variant: {@code
 * SweepTable DIR/sweep.json}, in the folder the sweep was emitted from (the scheduler's table job
 * does this). Every variant must have finished: a missing summary names the variant and its
 * folder.
 */
public final class SweepTable {
  private SweepTable() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SweepTable DIR/" + SweepManifest.FILE);
      System.exit(2);
    }
    try {
      Path html = write(SweepManifest.read(Path.of(args[0])));
      System.out.println("sweep table: " + html.resolveSibling("sweep.md").toAbsolutePath());
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  /** The table of {@code manifest}'s sweep, from its variants' run folders; returns the HTML. */
  public static Path write(SweepManifest manifest) {
    List<SweepReport.Row> rows =
        manifest.variants().stream()
            .map(v -> new SweepReport.Row(v.name(), v.value(), Path.of(v.run())))
            .toList();
    for (SweepReport.Row row : rows) {
      if (!Files.isRegularFile(row.run().resolve("summary.json"))) {
        throw new IllegalArgumentException(
            "variant " + row.name() + " of sweep " + manifest.name() + " has not finished: "
                + row.run().resolve("summary.json") + " is missing; wait for its task, or submit"
                + " it again (it resumes from its checkpoint)");
      }
    }
    return SweepReport.write(Path.of(manifest.folder()), rows);
  }
}
