/**
 * Fine-tuning: a backbone, pre-trained or not, and a linear classifier trained end to end on
 * labelled images, with the checkpoints, metrics, progress and report of a pre-training run.
 */
package vitssl.runner.finetune;
