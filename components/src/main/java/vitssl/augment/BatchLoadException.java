package vitssl.augment;

/** A batch could not be made; the message names the batch and image, the cause says why. */
public final class BatchLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BatchLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
