package vitssl.runner.compute;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import vitssl.engine.Kernels;
import vitssl.engine.ScriptedKernel;
import vitssl.optim.Gradients;

/**
 * Moves what replicas share between the main copy of a block and a replica's copy, across
 * devices, in one engine call each way, with autograd off: gradients from a replica are added to
 * the main copy's (and the replica's cleared), weights from the main copy overwrite the
 * replica's. Parameter lists are aligned: the same block built twice from one spec.
 */
final class ParameterSync {
  private static final String ADD =
      String.join(
          "\n",
          "  def forward(self: __torch__.ReplicaGradientSum,",
          "    targets: List[Tensor],",
          "    sources: List[Tensor]) -> int:",
          "    for i in range(len(targets)):",
          "      targets[i].add_(sources[i].to(targets[i].device))",
          "      sources[i].zero_()",
          "    return 0",
          "");

  private static final String COPY =
      String.join(
          "\n",
          "  def forward(self: __torch__.ReplicaWeightCopy,",
          "    targets: List[Tensor],",
          "    sources: List[Tensor]) -> int:",
          "    for i in range(len(targets)):",
          "      targets[i].copy_(sources[i])",
          "    return 0",
          "");

  private ParameterSync() {}

  /**
   * main.grad += replica.grad, then replica.grad = 0, for every parameter with a gradient on both
   * sides (frozen ones have none).
   */
  static void addGradients(List<Parameter> main, List<Parameter> replica) {
    List<NDArray> targets = new ArrayList<>();
    List<NDArray> sources = new ArrayList<>();
    try {
      for (int i = 0; i < main.size(); i++) {
        NDArray source = Gradients.of(replica.get(i));
        if (source == null) {
          continue;
        }
        sources.add(source);
        NDArray target = Gradients.of(main.get(i));
        if (target == null) {
          throw new IllegalStateException(
              "parameter " + main.get(i).getName() + " has a gradient on a replica but not on the"
                  + " main copy: build every replica from the same spec");
        }
        targets.add(target);
      }
      if (!targets.isEmpty()) {
        kernel("ReplicaGradientSum", ADD)
            .run(List.of(ScriptedKernel.list(targets), ScriptedKernel.list(sources)));
      }
    } finally {
      targets.forEach(NDArray::close);
      sources.forEach(NDArray::close);
    }
  }

  /** replica = main for every parameter, BatchNorm running statistics included. */
  static void copyWeights(List<Parameter> main, List<Parameter> replica) {
    List<NDArray> targets = replica.stream().map(Parameter::getArray).toList();
    List<NDArray> sources = main.stream().map(Parameter::getArray).toList();
    kernel("ReplicaWeightCopy", COPY)
        .run(List.of(ScriptedKernel.list(targets), ScriptedKernel.list(sources)));
  }

  private static ScriptedKernel kernel(String name, String body) {
    return ScriptedKernel.load(Kernels.SCRIPTED, name, body, "replica synchronisation", "nothing")
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the engine cannot synchronise replicas: list one device in the spec's"
                        + " compute.devices"));
  }
}
