/**
 * Measuring a backbone: features in inference mode, and the kNN and linear probe of an {@link
 * vitssl.dsl.eval.Evaluation}, shared by the end of a run and the evaluation of a saved encoder.
 */
package vitssl.runner.evaluation;
