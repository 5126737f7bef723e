package vitssl.dsl;

/** Marker for every component spec. */
public interface Spec {}
