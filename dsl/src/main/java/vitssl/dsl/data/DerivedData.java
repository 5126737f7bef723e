package vitssl.dsl.data;

/**
 * Data drawn from another dataset ({@link Subset}, {@link ValidationSplit}): its images are the
 * other dataset's, so is the evaluation crop.
 */
public interface DerivedData extends DataSpec {
  /** The dataset the images come from. */
  DataSpec data();

  @Override
  default double evalCropFraction() {
    return data().evalCropFraction();
  }
}
