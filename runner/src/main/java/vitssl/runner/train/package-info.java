/**
 * The training itself: the siamese model, one explicit step, the loop over steps, schedules and
 * checkpoints.
 */
package vitssl.runner.train;
