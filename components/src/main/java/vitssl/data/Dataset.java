package vitssl.data;

/** The two splits of a data spec: images to pre-train on, and labelled held-out images. */
public record Dataset(String name, ImageSource train, ImageSource heldOut) {}
