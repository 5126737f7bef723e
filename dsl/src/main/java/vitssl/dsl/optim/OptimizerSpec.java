package vitssl.dsl.optim;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import vitssl.dsl.Spec;

/**
 * An optimizer. The learning rate follows the linear scaling rule of the study: lr = base lr x
 * batch / 256, derived here and never written back into the spec.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface OptimizerSpec extends Spec {
  /** Learning rate for a batch of 256. */
  double baseLr();

  double weightDecay();

  /** Which parameters weight decay applies to. */
  WeightDecayScope weightDecayScope();

  /** The peak learning rate for this batch size: base lr x batch / 256. */
  default double lr(int batchSize) {
    return baseLr() * batchSize / 256.0;
  }
}
