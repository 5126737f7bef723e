/**
 * The {@code vitssl} command: one picocli command with a subcommand per task (train, sweep, eval,
 * finetune), each a small class of its own.
 */
package vitssl.cli;
