package vitssl.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A request sent byte for byte as written, so a path like {@code /files/../x} reaches the server
 * unchanged (HTTP clients and browsers would normalise it first).
 */
record HttpGet(int status, String body) {
  static HttpGet send(URI server, String method, String path) throws IOException {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method + " " + path + " HTTP/1.1\r\nHost: " + server.getHost() + "\r\n"
                  + "Content-Length: 0\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      int bodyStart = response.indexOf("\r\n\r\n");
      return new HttpGet(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
    }
  }

  static HttpGet get(URI server, String path) throws IOException {
    return send(server, "GET", path);
  }
}
