package recipes.study;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import vitssl.dsl.Experiment;
import vitssl.dsl.backbone.Vit;
import vitssl.runner.Sweep;

/**
 * What every study recipe's {@code main} does: {@code --paper} picks the study's ImageNet setting
 * instead of the CPU one (and a sweep folder of its own); every other argument goes to {@link
 * Sweep#main}, e.g. {@code --steps N}, {@code --out DIR} or {@code --emit-specs DIR}.
 */
public final class StudySweep {
  public static final String PAPER = "--paper";

  /** The sweep a command line asks for: its folder name, scale, variants and remaining options. */
  record Plan(String name, Scale scale, List<Sweep.Variant> variants, String[] args) {}

  private StudySweep() {}

  public static void main(
      String name, Function<Scale, List<Sweep.Variant>> variants, String[] args) {
    Plan plan = plan(name, variants, args);
    Sweep.main(plan.name(), plan.variants(), plan.args());
  }

  static Plan plan(String name, Function<Scale, List<Sweep.Variant>> variants, String[] args) {
    Scale scale = Arrays.asList(args).contains(PAPER) ? Scale.PAPER : Scale.CPU;
    String[] rest = Arrays.stream(args).filter(a -> !a.equals(PAPER)).toArray(String[]::new);
    String folder = scale == Scale.PAPER ? name + "-paper" : name;
    return new Plan(folder, scale, variants.apply(scale), rest);
  }

  /** A learning rate as short as names want it: 1.5e-4, 1e-3, 3e-1. */
  public static String rate(double lr) {
    String mantissa = String.format(Locale.ROOT, "%.1e", lr).replace(".0e", "e");
    return mantissa.replaceAll("e(-?)\\+?0*(\\d)", "e$1$2");
  }

  /** An enum constant as a variant name: SIN_COS becomes sin-cos. */
  static String name(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * One variant per constant of a ViT setting (pooling, position embedding), each the base with
   * its backbone set to that constant, named after it.
   */
  static <E extends Enum<E>> List<Sweep.Variant> perConstant(
      Experiment base, E[] constants, String setting, BiFunction<Vit, E, Vit> set) {
    Vit vit = (Vit) base.backbone();
    return Arrays.stream(constants)
        .map(
            c ->
                variant(name(c), setting + " " + name(c), base.withBackbone(set.apply(vit, c))))
        .toList();
  }

  /** A variant whose experiment carries its name, with the changed value in words. */
  static Sweep.Variant variant(String name, String value, Experiment experiment) {
    return new Sweep.Variant(name, experiment.withName(name), value);
  }
}
