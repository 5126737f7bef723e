package vitssl.serve;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The page's HTTP server (the JDK's own {@code com.sun.net.httpserver}: a page for one user needs
 * no other), over one runs folder. Its threads are daemons, so it never keeps a finished run's
 * process alive; {@link #close} stops it.
 */
public final class RunsServer implements AutoCloseable {
  /** A server held for a run's lifetime, or nothing when the run was not asked to serve. */
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  private final HttpServer http;
  private final ExecutorService threads;
  private final RunsFolder folder;

  private RunsServer(HttpServer http, ExecutorService threads, RunsFolder folder) {
    this.http = http;
    this.threads = threads;
    this.folder = folder;
  }

  /** Starts serving {@code runs} at {@code address}. */
  public static RunsServer start(Path runs, ServeAddress address) {
    RunsFolder folder = new RunsFolder(runs);
    HttpServer http;
    try {
      http = HttpServer.create(address.socket(), 0);
    } catch (BindException e) {
      throw new IllegalStateException(
          "cannot serve on " + address.host().getHostAddress() + ":" + address.port() + " ("
              + e.getMessage() + "): pass another port, or 0 for any free one");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the page's server: " + e.getMessage(), e);
    }
    http.createContext(ApiHandler.PATH, Responses.guarded(new ApiHandler(folder)));
    http.createContext(FileHandler.PATH, Responses.guarded(new FileHandler(folder)));
    http.createContext(PageHandler.PATH, Responses.guarded(new PageHandler()));
    ExecutorService threads =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "vitssl-serve");
              thread.setDaemon(true);
              return thread;
            });
    http.setExecutor(threads);
    http.start();
    return new RunsServer(http, threads, folder);
  }

  /**
   * For a run or a sweep started with {@code --serve}: serves the folder that holds its folder
   * (the runs folder, so the page lists it beside earlier runs) until the lease is closed, and
   * says where on the terminal; a lease that does nothing without an address.
   */
  public static Lease during(Optional<ServeAddress> address, Path folder) {
    if (address.isEmpty()) {
      return () -> {};
    }
    Path absolute = folder.toAbsolutePath().normalize();
    if (absolute.getParent() == null) {
      throw new IllegalArgumentException(
          "--serve: the run folder " + absolute + " has no parent folder to serve; give --out DIR");
    }
    Path runs = absolute.getParent();
    try {
      // The run creates it too; the page lists the runs folder from the start.
      Files.createDirectories(runs);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the runs folder " + runs, e);
    }
    RunsServer server = start(runs, address.get());
    System.out.println("watch it at " + server.url() + "#open=" + absolute.getFileName());
    return server::close;
  }

  /** The page's address, e.g. {@code http://127.0.0.1:8765/}. */
  public URI url() {
    String host = http.getAddress().getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + http.getAddress().getPort() + "/");
  }

  public Path runs() {
    return folder.root();
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
  }
}
