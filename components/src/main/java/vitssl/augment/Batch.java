package vitssl.augment;

/**
 * A batch of {@code size} images: {@code views[v]} holds view {@code v} of every image, planar
 * and contiguous ({@code [size, C, H, W]} flattened), ready to wrap in one engine array;
 * {@code labels[i]} and {@code indices[i]} are image {@code i}'s class and position in its source.
 */
public record Batch(float[][] views, int[] labels, int[] indices, int size) {}
