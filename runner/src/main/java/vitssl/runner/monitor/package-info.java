/**
 * What is measured during training: the {@link vitssl.runner.monitor.Monitor} hooks, the
 * framework's monitors and the bindings through which a module adds its own.
 */
package vitssl.runner.monitor;
