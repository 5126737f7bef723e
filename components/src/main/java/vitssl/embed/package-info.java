/** Embedding images with a trained encoder: a DJL Translator and Predictor, nearest neighbours. */
package vitssl.embed;
