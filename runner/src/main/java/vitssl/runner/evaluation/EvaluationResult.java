package vitssl.runner.evaluation;

import java.util.Optional;
import vitssl.eval.ProbeResult;

/**
 * What an {@link vitssl.dsl.eval.Evaluation} measured of a backbone, in percent: kNN top-1, and
 * the linear probe's result when the evaluation has one and it was asked for.
 */
public record EvaluationResult(double knnTop1, Optional<ProbeResult> linearProbe) {}
