package vitssl.weights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python interpreter that imports torch and torchvision, for the opt-in tests that compare with
 * PyTorch: {@code $VITSSL_PYTHON}, else {@code python3} on the path, else Debian's {@code
 * /usr/bin/python3} (where {@code apt-get install python3-torch python3-torchvision} puts them).
 */
final class PythonTorch {
  /** The scripts of {@code scripts/pytorch}, from a module's folder. */
  static final Path SCRIPTS = Path.of("..", "scripts", "pytorch").toAbsolutePath().normalize();

  static final String ABSENT =
      "PyTorch is absent: apt-get install python3-torch python3-torchvision (or set VITSSL_PYTHON"
          + " to a python3 that imports torch and torchvision) to compare with it";

  private static Optional<String> found;

  private PythonTorch() {}

  static synchronized Optional<String> interpreter() {
    if (found == null) {
      List<String> candidates = new ArrayList<>();
      Optional.ofNullable(System.getenv("VITSSL_PYTHON")).ifPresent(candidates::add);
      candidates.add("python3");
      candidates.add("/usr/bin/python3");
      found = candidates.stream().filter(PythonTorch::importsTorch).findFirst();
    }
    return found;
  }

  /** Runs a script of {@code scripts/pytorch} with arguments; returns its output, or fails with it. */
  static String run(String script, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(interpreter().orElseThrow(), script));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }

  private static boolean importsTorch(String python) {
    try {
      Process process =
          new ProcessBuilder(python, "-c", "import torch, torchvision")
              .redirectErrorStream(true)
              .start();
      process.getInputStream().readAllBytes();
      return process.waitFor(2, TimeUnit.MINUTES) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
