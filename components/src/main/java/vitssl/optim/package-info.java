/**
 * Parameter updates: AdamW, LARS and LAMB from their specs, the momentum (EMA) update of the key
 * encoder, and gradient norms. None keeps per-step arrays alive.
 */
package vitssl.optim;
