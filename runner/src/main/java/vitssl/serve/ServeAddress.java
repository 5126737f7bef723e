package vitssl.serve;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Where the page listens: an address of this machine and a port (0: any free port). */
public record ServeAddress(InetAddress host, int port) {
  /** The port {@code --serve} and {@code serve} use when none is given. */
  public static final int DEFAULT_PORT = 8765;

  public static final String LOOPBACK = "127.0.0.1";

  public static ServeAddress loopback(int port) {
    return of(LOOPBACK, port, Exposure.LOOPBACK_ONLY, "");
  }

  /**
   * Checks and resolves the address.
   *
   * @param remoteFlag the command line's flag that allows a non-loopback address, named in the
   *     message that refuses one
   */
  public static ServeAddress of(String host, int port, Exposure exposure, String remoteFlag) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "serve port " + port + ": give a port from 1 to 65535, or 0 for any free port");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "serve host \"" + host + "\" is not an address of this machine: give an IP address"
              + " such as " + LOOPBACK);
    }
    if (!address.isLoopbackAddress() && exposure == Exposure.LOOPBACK_ONLY) {
      throw new IllegalArgumentException(
          "serve host " + host + " is not a loopback address, so other machines could read your"
              + " runs: serve on " + LOOPBACK + ", or add " + remoteFlag + " to serve on "
              + host + " anyway");
    }
    return new ServeAddress(address, port);
  }

  InetSocketAddress socket() {
    return new InetSocketAddress(host, port);
  }
}
