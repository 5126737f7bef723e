package vitssl.serve;

/** A request the server will not answer with content: its HTTP status and a one-line reason. */
final class Refusal extends RuntimeException {
  static final int BAD_REQUEST = 400;
  static final int FORBIDDEN = 403;
  static final int NOT_FOUND = 404;

  private final int status;

  Refusal(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
