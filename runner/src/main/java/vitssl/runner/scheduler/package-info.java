/**
 * A sweep handed to a job scheduler: one spec per variant, a Slurm job array or a Kubernetes
 * Indexed Job that runs each spec into the folder the sweep expects, and the sweep's table written
 * afterwards from the finished folders.
 */
package vitssl.runner.scheduler;
