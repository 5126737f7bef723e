/**
 * A local web page that shows the runs under a folder while they train and after: live curves,
 * spec, instability markers and summary of one run, and several runs side by side (overlaid
 * curves, the spec fields that differ, one summary table).
 *
 * <p>The server only reads run folders: it opens files for reading and never writes, so a server
 * that fails leaves every run as it was, and a run never waits on it. It listens on the loopback
 * interface unless told otherwise ({@link vitssl.serve.Exposure}), and answers only for files
 * inside the runs folder ({@link vitssl.serve.RunsFolder}). Charts are drawn in the page by uPlot,
 * shipped inside the jar as a WebJar, so the page works on a machine without network access.
 */
package vitssl.serve;
