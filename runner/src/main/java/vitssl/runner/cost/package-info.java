/**
 * What a step costs: FLOPs per step, the matrix-multiply rate of this machine, and the estimate that
 * stops a GPU-sized recipe from starting on a CPU.
 */
package vitssl.runner.cost;
