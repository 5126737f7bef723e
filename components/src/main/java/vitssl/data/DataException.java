package vitssl.data;

/**
 * Data that cannot be read as asked. The message names the file or folder, what is wrong with it
 * and how to fix it, so a run that stops on bad data says what to change.
 */
public final class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
