/**
 * What a run prints and logs as it trains: {@code metrics.jsonl} and the progress bar.
 */
package vitssl.runner.log;
