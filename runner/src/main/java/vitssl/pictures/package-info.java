/**
 * Pictures of what an encoder learned: an embedding map of its features (t-SNE) coloured by class,
 * and a grid of query images with their nearest neighbours.
 */
package vitssl.pictures;
