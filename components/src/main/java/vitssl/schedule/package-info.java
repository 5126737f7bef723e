/**
 * Per-step schedules: the learning-rate multipliers (warmup then cosine or constant) and the key
 * encoder's momentum.
 */
package vitssl.schedule;
