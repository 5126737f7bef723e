package vitssl.runner.reliability;

/**
 * The run stopped on a signal after writing a checkpoint at {@link #step()}: not a failure, since
 * {@code --resume} continues from there. The command line exits 0 with {@link #getMessage()}.
 */
public final class RunStopped extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long step;

  public RunStopped(long step) {
    super("stopped at step " + step + "; --resume continues");
    this.step = step;
  }

  public long step() {
    return step;
  }
}
