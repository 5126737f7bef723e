package vitssl.dsl;

/**
 * A spec that cannot describe a valid run. The message always names the field, the value and the
 * fix, so a user sees what to change without reading a stack trace.
 */
public final class SpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message);
  }

  /**
   * Fails unless {@code ok}, with a message of the form "{@code owner.field = value: fix}".
   *
   * @param owner the spec's name, e.g. {@code "Vit"}
   */
  public static void require(boolean ok, String owner, String field, Object value, String fix) {
    if (!ok) {
      throw new SpecException(owner + "." + field + " = " + value + ": " + fix);
    }
  }
}
