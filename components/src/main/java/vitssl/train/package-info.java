/**
 * The training math of one step, called by the loop: the contrastive loss, the learning-rate and
 * momentum schedules, the AdamW update, the momentum (EMA) update of the key encoder and gradient
 * norms. Each piece is a plain class built from its spec; none keeps per-step arrays alive.
 */
package vitssl.train;
