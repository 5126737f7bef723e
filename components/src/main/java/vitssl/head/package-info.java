/**
 * Projection and prediction heads (MLPs with BatchNorm as in MoCo v3), and the interface that lets
 * a head take every view of a batch in one call.
 */
package vitssl.head;
