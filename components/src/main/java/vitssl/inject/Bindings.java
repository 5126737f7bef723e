package vitssl.inject;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.data.DataSpec;
import vitssl.dsl.head.HeadSpec;

/**
 * Where modules contribute components: one {@link MapBinder} per component kind, keyed by spec
 * type. A module outside the framework adds a backbone with one line in its {@code configure()}:
 *
 * <pre>{@code Bindings.backbone(binder(), MyNet.class, new MyNetFactory());}</pre>
 *
 * Two modules binding the same spec type fail when the injector is created.
 */
public final class Bindings {
  private Bindings() {}

  public static MapBinder<Class<? extends BackboneSpec>, BackboneFactory<?>> backbones(Binder binder) {
    return MapBinder.newMapBinder(
        binder,
        new TypeLiteral<Class<? extends BackboneSpec>>() {},
        new TypeLiteral<BackboneFactory<?>>() {});
  }

  public static MapBinder<Class<? extends HeadSpec>, HeadFactory<?>> heads(Binder binder) {
    return MapBinder.newMapBinder(
        binder, new TypeLiteral<Class<? extends HeadSpec>>() {}, new TypeLiteral<HeadFactory<?>>() {});
  }

  public static MapBinder<Class<? extends DataSpec>, DataFactory<?>> data(Binder binder) {
    return MapBinder.newMapBinder(
        binder, new TypeLiteral<Class<? extends DataSpec>>() {}, new TypeLiteral<DataFactory<?>>() {});
  }

  public static <S extends BackboneSpec> void backbone(
      Binder binder, Class<S> spec, BackboneFactory<S> factory) {
    backbones(binder).addBinding(spec).toInstance(factory);
  }

  public static <S extends HeadSpec> void head(Binder binder, Class<S> spec, HeadFactory<S> factory) {
    heads(binder).addBinding(spec).toInstance(factory);
  }

  public static <S extends DataSpec> void data(Binder binder, Class<S> spec, DataFactory<S> factory) {
    data(binder).addBinding(spec).toInstance(factory);
  }
}
