package vitssl.report;

import java.util.Optional;

/**
 * One chart of the report: drawn as a PNG, or skipped with the reason, so the report says why a
 * figure is missing instead of leaving a hole.
 */
record Chart(String fileName, String title, Optional<byte[]> png, String note) {
  static Chart drawn(String fileName, String title, byte[] png, String note) {
    return new Chart(fileName, title, Optional.of(png), note);
  }

  static Chart skipped(String fileName, String title, String reason) {
    return new Chart(fileName, title, Optional.empty(), reason);
  }
}
