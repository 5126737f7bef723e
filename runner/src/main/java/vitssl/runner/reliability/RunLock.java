package vitssl.runner.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One run per folder: {@code run.lock} holds the process id of the run that writes the folder,
 * under an operating-system lock. The kernel drops the lock when its process ends, however it
 * ends (kill -9 included), so a lock file left by a dead process is simply taken over, while a
 * second run into a live run's folder is refused with the other process's id.
 */
public final class RunLock implements AutoCloseable {
  static final String FILE = "run.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the folder's lock (creating the folder), or fails naming the process holding it. */
  public static RunLock acquire(Path runFolder) {
    Path file = runFolder.resolve(FILE);
    FileChannel channel = null;
    try {
      Files.createDirectories(runFolder);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      String previous = read(channel);
      if (lock == null) {
        throw new IllegalStateException(refusal(runFolder, previous));
      }
      if (!previous.isBlank()) {
        System.out.println(
            "run folder " + runFolder + ": taking over the lock of process " + previous
                + ", which is no longer running");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pidLine().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new RunLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException(
          "cannot lock run folder " + runFolder + " (" + e.getMessage()
              + "): give --out a folder this user can write",
          e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** Empties the lock file and releases the lock, so the folder reads as free. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not release " + FILE + ": " + e.getMessage(), e);
    }
  }

  /** Null when another process, or another run in this one, holds the lock. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException sameProcess) {
      return null;
    }
  }

  private static String refusal(Path runFolder, String holder) {
    String who = holder.isBlank() ? "another process" : "process " + holder;
    return "run folder " + runFolder + " is in use by " + who + ": wait for that run to end (or"
        + " stop it), or give this run another folder with --out DIR";
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(256);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
  }

  private static String pidLine() {
    return ProcessHandle.current().pid() + "\n";
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the error being reported matters more
      }
    }
  }
}
