/** The experiment spec and the component specs it composes: pure data, validated at build time. */
@SpecStyle
package vitssl.dsl;
