package vitssl.loss;

import ai.djl.ndarray.NDManager;

/**
 * What a loss with parameters or state learns about its run before training: where its arrays
 * live, the width of the embeddings it receives, and the run's length, to resolve spans.
 */
public record LossContext(
    NDManager manager, int embeddingWidth, long stepsPerEpoch, long totalSteps) {}
