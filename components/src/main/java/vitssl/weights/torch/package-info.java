/**
 * Checkpoints that {@code torch.save} wrote, read without Python: the zip, its pickle (through
 * Razorvine's reader) and its storages; moco-v3's state dicts to a backbone's tensors.
 */
package vitssl.weights.torch;
