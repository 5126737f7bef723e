package vitssl.dsl;

/**
 * A self-supervised framework as a bundle of component choices (loss, heads, momentum), applied
 * to an experiment with {@link Experiment#with(Framework)}, so the study's framework comparison is
 * one line per framework on the same backbone, data and budget.
 */
public interface Framework {
  /** A short name, e.g. {@code "simclr"}. */
  String name();

  /** The experiment with this framework's components, everything else kept. */
  Experiment applyTo(Experiment experiment);
}
