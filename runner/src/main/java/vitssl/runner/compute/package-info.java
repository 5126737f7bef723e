/**
 * How a training step computes beyond one device in fp32: replicas of the backbones over several
 * devices (one process, the batch split into shards, features gathered for the heads and the
 * loss), backbones in bf16 or fp16 over fp32 master weights, and fp16's dynamic loss scaling.
 */
package vitssl.runner.compute;
