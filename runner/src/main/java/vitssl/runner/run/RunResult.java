package vitssl.runner.run;

import java.nio.file.Path;

/** Where a run wrote its files, and what it measured. */
public record RunResult(Path folder, Summary summary) {}
