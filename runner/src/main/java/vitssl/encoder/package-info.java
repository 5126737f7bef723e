/**
 * A trained encoder opened from wherever it is kept (a run, a checkpoint, an exported or foreign
 * weights file), the embeddings of a folder, and the runner of the encoder commands.
 */
package vitssl.encoder;
