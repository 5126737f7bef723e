/** Pre-trained encoders read back from a run folder or a checkpoint, for evaluation and fine-tuning. */
package vitssl.runner.pretrained;
