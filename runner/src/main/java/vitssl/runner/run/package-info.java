/**
 * One run from an empty or resumed folder to its summary: the assembly ({@link vitssl.runner.run.Run}),
 * the injector ({@link vitssl.runner.run.Wiring}), the command-line options and the run folder.
 */
package vitssl.runner.run;
