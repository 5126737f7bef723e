package vitssl.optim;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Parameters and gradients set up by hand for the optimizer, EMA and norm tests. */
final class TestParameters {
  private TestParameters() {}

  static Parameter trainable(NDManager manager, String name, Shape shape, float... values) {
    return parameter(manager, name, Parameter.Type.WEIGHT, true, shape, values);
  }

  static Parameter frozen(NDManager manager, String name, Shape shape, float... values) {
    return parameter(manager, name, Parameter.Type.WEIGHT, false, shape, values);
  }

  static Parameter parameter(
      NDManager manager,
      String name,
      Parameter.Type type,
      boolean requiresGrad,
      Shape shape,
      float... values) {
    NDArray array = manager.create(values, shape);
    array.setRequiresGradient(requiresGrad);
    return Parameter.builder()
        .setName(name)
        .setType(type)
        .optRequiresGrad(requiresGrad)
        .optArray(array)
        .build();
  }

  static float[] random(Random random, int size, double scale) {
    float[] values = new float[size];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (scale * random.nextGaussian());
    }
    return values;
  }

  /**
   * Makes {@code gradients.get(i)} the gradient of {@code parameters.get(i)}: one backward pass of
   * sum_i sum(w_i * g_i), after zeroing what was there.
   */
  static void setGradients(List<Parameter> parameters, List<float[]> gradients) {
    for (Parameter parameter : parameters) {
      try (NDArray old = Gradients.of(parameter)) {
        if (old != null) {
          old.muli(0);
        }
      }
    }
    NDManager owner = parameters.get(0).getArray().getManager();
    try (NDManager scratch = owner.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = scratch.zeros(new Shape());
      for (int i = 0; i < parameters.size(); i++) {
        NDArray weight = parameters.get(i).getArray();
        NDArray g = scratch.create(gradients.get(i), weight.getShape());
        loss = loss.add(g.mul(weight).sum());
      }
      collector.backward(loss);
    }
  }

  /** Makes every parameter's gradient equal to its weight: a backward pass of sum_i |w_i|^2 / 2. */
  static void setGradientsToWeights(List<Parameter> parameters) {
    NDManager owner = parameters.get(0).getArray().getManager();
    try (NDManager scratch = owner.newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = scratch.zeros(new Shape());
      for (Parameter parameter : parameters) {
        NDArray squares = parameter.getArray().square();
        squares.attach(scratch); // an op's result lands in its first operand's manager
        loss = loss.add(squares.sum());
      }
      collector.backward(loss.div(2f));
    }
  }

  /** The gradient of {@code parameter} as floats (zeros where it has none). */
  static float[] gradient(Parameter parameter) {
    try (NDArray gradient = parameter.getArray().getGradient()) {
      return gradient.toFloatArray();
    }
  }

  /**
   * About 4.7 M parameters in 60 tensors, shaped like a width-192, depth-4 ViT with its projector
   * and predictor: the size the step budget is set for.
   */
  static List<Parameter> vitSized(NDManager manager, boolean requiresGrad) {
    List<Shape> shapes = new ArrayList<>();
    for (int block = 0; block < 4; block++) {
      shapes.addAll(
          List.of(
              new Shape(576, 192), new Shape(576), new Shape(192, 192), new Shape(192),
              new Shape(768, 192), new Shape(768), new Shape(192, 768), new Shape(192),
              new Shape(192), new Shape(192), new Shape(192), new Shape(192)));
    }
    shapes.addAll(
        List.of(
            new Shape(1024, 192), new Shape(1024, 1024), new Shape(256, 1024),
            new Shape(1024, 256), new Shape(256, 1024), new Shape(192, 192),
            new Shape(1024, 832)));
    while (shapes.size() < 60) {
      shapes.add(new Shape(1024));
    }
    List<Parameter> parameters = new ArrayList<>();
    for (int i = 0; i < shapes.size(); i++) {
      NDArray array = manager.randomNormal(shapes.get(i));
      array.setRequiresGradient(requiresGrad);
      parameters.add(
          Parameter.builder()
              .setName("p" + i)
              .setType(Parameter.Type.WEIGHT)
              .optRequiresGrad(requiresGrad)
              .optArray(array)
              .build());
    }
    return parameters;
  }

  static long size(List<Parameter> parameters) {
    return parameters.stream().mapToLong(p -> p.getArray().size()).sum();
  }
}
