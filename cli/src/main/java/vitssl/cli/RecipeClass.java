package vitssl.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import vitssl.dsl.Experiment;

/**
 * A class named on the command line: a recipe ({@code static Experiment experiment()}), a sweep
 * recipe ({@code static variants(...)}), or any class with a {@code main}.
 */
record RecipeClass(Class<?> type) {
  static RecipeClass named(String name) {
    try {
      return new RecipeClass(Class.forName(name));
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          name + ": no such class on the class path; give a recipe's full class name, e.g."
              + " recipes.MocoV3Cifar10, or a command (vitssl --help lists them)");
    }
  }

  /** The recipe's experiment, from its {@code public static Experiment experiment()}. */
  Experiment experiment() {
    Method method = staticMethod("experiment");
    if (method == null || method.getReturnType() != Experiment.class) {
      throw new IllegalArgumentException(
          type.getName()
              + (isSweep()
                  ? " is a sweep recipe: run it with vitssl sweep " + type.getName()
                  : " has no public static Experiment experiment() method: give a recipe class"));
    }
    return (Experiment) invoke(method, new Object[0]);
  }

  /** Whether the class is a sweep recipe: it has a public static {@code variants} method. */
  boolean isSweep() {
    return staticMethod("variants") != null;
  }

  /** Runs the class's {@code public static void main(String[])}. */
  void main(String[] args) {
    Method main = staticMethod("main");
    if (main == null || !Arrays.equals(main.getParameterTypes(), new Class<?>[] {String[].class})) {
      throw new IllegalArgumentException(
          type.getName() + " has no public static void main(String[]): give a recipe or a command");
    }
    invoke(main, new Object[] {args});
  }

  private Method staticMethod(String name) {
    return Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers()))
        .filter(m -> !name.equals("main") || m.getParameterCount() == 1)
        .filter(m -> !name.equals("experiment") || m.getParameterCount() == 0)
        .findFirst()
        .orElse(null);
  }

  /** Calls a static method; what it throws reaches the caller unwrapped. */
  private static Object invoke(Method method, Object[] args) {
    try {
      return method.invoke(null, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(method + " failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalArgumentException(method + " is not accessible: make it public", e);
    }
  }
}
