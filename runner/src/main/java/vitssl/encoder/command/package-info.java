/** The export, import and embed commands (picocli), each with its own {@code main}. */
package vitssl.encoder.command;
