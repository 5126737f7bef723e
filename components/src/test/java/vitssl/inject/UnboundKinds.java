package vitssl.inject;

import ai.djl.nn.core.Linear;
import java.util.List;
import java.util.function.Consumer;
import vitssl.dsl.Span;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.head.HeadSpec;
import vitssl.dsl.loss.LossSpec;
import vitssl.dsl.optim.OptimizerSpec;
import vitssl.dsl.optim.ScheduleSpec;
import vitssl.dsl.optim.WeightDecayScope;

/** One spec type of each component kind that no module binds, with a factory for it. */
final class UnboundKinds {
  record OwnBackbone(int featureWidth, int imageSize) implements BackboneSpec {}

  record OwnHead(int outputWidth) implements HeadSpec {}

  record OwnData(double evalCropFraction) implements DataSpec {}

  record OwnLoss() implements LossSpec {}

  record OwnOptimizer(double baseLr, double weightDecay, WeightDecayScope weightDecayScope)
      implements OptimizerSpec {}

  record OwnSchedule(Span warmup) implements ScheduleSpec {}

  /**
   * @param kind the kind's name, which is also the name of its binding method in {@link Bindings}
   * @param factory a factory of the kind for {@code spec}
   * @param build asks the components for the spec's component
   */
  record Case(String kind, Object spec, Object factory, Consumer<Components> build) {}

  private UnboundKinds() {}

  static List<Case> all() {
    OwnBackbone backbone = new OwnBackbone(4, 8);
    OwnHead head = new OwnHead(4);
    OwnData data = new OwnData(1.0);
    OwnLoss loss = new OwnLoss();
    OwnOptimizer optimizer = new OwnOptimizer(1e-3, 0, WeightDecayScope.ALL);
    OwnSchedule schedule = new OwnSchedule(Span.steps(0));
    return List.of(
        new Case(
            "backbone",
            backbone,
            (BackboneFactory<OwnBackbone>) spec -> null,
            c -> c.backbone(backbone)),
        new Case(
            "head",
            head,
            (HeadFactory<OwnHead>) (spec, width) -> Linear.builder().setUnits(spec.outputWidth()).build(),
            c -> c.head(head, 4)),
        new Case("data", data, (DataFactory<OwnData>) spec -> null, c -> c.data(data)),
        new Case(
            "loss",
            loss,
            (LossFactory<OwnLoss>) spec -> (queries, keys) -> queries.get(0),
            c -> c.loss(loss)),
        new Case(
            "optimizer",
            optimizer,
            (OptimizerFactory<OwnOptimizer>) (spec, manager) -> null,
            c -> c.optimizer(optimizer, null)),
        new Case(
            "schedule",
            schedule,
            (ScheduleFactory<OwnSchedule>) spec -> (step, total, perEpoch) -> 1,
            c -> c.schedule(schedule)));
  }
}
