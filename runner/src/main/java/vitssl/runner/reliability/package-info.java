/**
 * What keeps a long run from being lost to the faults a cluster meets: a lock per run folder, the
 * choice of an intact checkpoint to resume from, checkpoints on a clock as well as a step count,
 * a clean stop on SIGTERM or SIGINT, and one-line errors with the full trace kept in the run
 * folder.
 */
package vitssl.runner.reliability;
