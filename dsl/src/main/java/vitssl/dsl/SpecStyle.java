package vitssl.dsl;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project, applied per package in {@code package-info.java}.
 *
 * <p>Generated {@code ImmutableX} classes stay package-private: users reach a spec through the
 * static factories and {@code with...} methods of its abstract type, never through generated code.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(copy = true),
    jdkOnly = true,
    allParameters = false,
    passAnnotations = {JsonTypeName.class},
    redactedMask = "")
public @interface SpecStyle {}
