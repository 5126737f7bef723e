package vitssl.engine;

/**
 * Which implementation runs an operation the project can run two ways: through a {@link
 * ScriptedKernel} (one engine call where DJL has no binding) or through DJL's own ops.
 */
public enum Kernels {
  /** The scripted kernel where the engine can load it; DJL's own ops where it cannot. */
  SCRIPTED,
  /** DJL's own ops always: the reference the scripted kernels are tested against. */
  DJL_OPS
}
