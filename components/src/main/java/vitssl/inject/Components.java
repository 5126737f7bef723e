package vitssl.inject;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import vitssl.backbone.Backbone;
import vitssl.data.Dataset;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.head.HeadSpec;
import vitssl.dsl.loss.LossSpec;
import vitssl.dsl.optim.OptimizerSpec;
import vitssl.dsl.optim.ScheduleSpec;
import vitssl.loss.SiameseLoss;
import vitssl.optim.ParameterOptimizer;
import vitssl.schedule.LrSchedule;

/**
 * Every component kind's registry, filled by whatever modules the injector was given. Builds a
 * component from a spec by the spec's type; a type nobody bound fails with a message that names
 * it.
 */
public final class Components {
  private final Registry<BackboneSpec, BackboneFactory<?>> backbones;
  private final Registry<HeadSpec, HeadFactory<?>> heads;
  private final Registry<DataSpec, DataFactory<?>> data;
  private final Registry<LossSpec, LossFactory<?>> losses;
  private final Registry<OptimizerSpec, OptimizerFactory<?>> optimizers;
  private final Registry<ScheduleSpec, ScheduleFactory<?>> schedules;

  @Inject
  public Components(
      Map<Class<? extends BackboneSpec>, BackboneFactory<?>> backbones,
      Map<Class<? extends HeadSpec>, HeadFactory<?>> heads,
      Map<Class<? extends DataSpec>, DataFactory<?>> data,
      Map<Class<? extends LossSpec>, LossFactory<?>> losses,
      Map<Class<? extends OptimizerSpec>, OptimizerFactory<?>> optimizers,
      Map<Class<? extends ScheduleSpec>, ScheduleFactory<?>> schedules) {
    this.backbones = new Registry<>("backbone", "Bindings.backbone", backbones);
    this.heads = new Registry<>("head", "Bindings.head", heads);
    this.data = new Registry<>("data", "Bindings.data", data);
    this.losses = new Registry<>("loss", "Bindings.loss", losses);
    this.optimizers = new Registry<>("optimizer", "Bindings.optimizer", optimizers);
    this.schedules = new Registry<>("schedule", "Bindings.schedule", schedules);
  }

  /**
   * Fails, naming the spec type and the fix, unless every component of the experiment has a
   * factory: a run finds out before it opens data or builds a model.
   */
  public void requireBound(Experiment experiment) {
    backbones.find(experiment.backbone());
    heads.find(experiment.projector());
    experiment.predictor().ifPresent(heads::find);
    data.find(experiment.data());
    losses.find(experiment.loss());
    optimizers.find(experiment.optimizer());
    schedules.find(experiment.schedule());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public Backbone backbone(BackboneSpec spec) {
    return ((BackboneFactory) backbones.find(spec)).build(spec);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public Block head(HeadSpec spec, int inputWidth) {
    return ((HeadFactory) heads.find(spec)).build(spec, inputWidth);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public Dataset data(DataSpec spec) {
    return ((DataFactory) data.find(spec)).open(spec);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public SiameseLoss loss(LossSpec spec) {
    return ((LossFactory) losses.find(spec)).build(spec);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public ParameterOptimizer optimizer(OptimizerSpec spec, NDManager stateManager) {
    return ((OptimizerFactory) optimizers.find(spec)).build(spec, stateManager);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public LrSchedule schedule(ScheduleSpec spec) {
    return ((ScheduleFactory) schedules.find(spec)).build(spec);
  }

  /** Every bound spec type: the JSON codec learns their type names from here. */
  public Set<Class<?>> specTypes() {
    Set<Class<?>> all = new LinkedHashSet<>();
    all.addAll(backbones.types());
    all.addAll(heads.types());
    all.addAll(data.types());
    all.addAll(losses.types());
    all.addAll(optimizers.types());
    all.addAll(schedules.types());
    return all;
  }
}
