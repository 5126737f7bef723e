package vitssl.cli;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converters for counts and amounts that must be above zero, so a flag's error names the fix. */
final class Positive {
  private Positive() {}

  /** A whole number above zero. */
  static final class Whole implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String text) {
      return above0(text, Integer::valueOf, "a positive whole number");
    }
  }

  /** A whole number above zero that may exceed an int (steps). */
  static final class Count implements ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      return above0(text, Long::valueOf, "a positive whole number");
    }
  }

  /** A finite number above zero. */
  static final class Real implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
      return above0(text, Double::valueOf, "a positive number");
    }
  }

  private static <T extends Number> T above0(String text, Function<String, T> parse, String what) {
    try {
      T v = parse.apply(text);
      if (v.doubleValue() > 0 && Double.isFinite(v.doubleValue())) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new TypeConversionException("'" + text + "': give " + what);
  }
}
