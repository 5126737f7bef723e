package vitssl.dsl;

import java.util.List;
import java.util.Optional;
import vitssl.dsl.augment.MultiCrop;
import vitssl.dsl.augment.View;
import vitssl.dsl.backbone.BackboneSpec;
import vitssl.dsl.head.HeadSpec;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.ByolCosine;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.loss.NtXent;
import vitssl.dsl.loss.Swav;
import vitssl.dsl.optim.Momentum;

/**
 * The frameworks of the study's comparison (Chen, Xie, He 2021, section 5). Each keeps the
 * experiment's head widths (a CPU recipe's narrow heads stay narrow) and sets what the framework's
 * paper prescribes.
 */
public final class Frameworks {
  private Frameworks() {}

  /** MoCo v3: InfoNCE at tau 0.2, 3-layer projector and 2-layer predictor, m 0.99 cosine to 1. */
  public static Framework mocoV3() {
    return framework(
        "mocov3",
        e ->
            e.withLoss(InfoNce.infoNce().temperature(0.2))
                .withMomentum(Momentum.cosine(0.99))
                .withProjector(reshape(e.projector(), 3, true))
                .withPredictor(Optional.of(reshape(e.projector(), 2, true))));
  }

  /**
   * SimCLR (Chen et al. 2020): NT-Xent over the 2N views at tau 0.2 (the temperature the study
   * uses for ViT), no predictor and no key encoder: both views' online outputs are contrasted.
   */
  public static Framework simclr() {
    return framework(
        "simclr",
        e ->
            e.withLoss(NtXent.ntXent().temperature(0.2))
                .withPredictor(Optional.empty())
                .withMomentum(Momentum.none()));
  }

  /**
   * BYOL (Grill et al. 2020): 2 - 2 cos between the online prediction and the target projection,
   * 2-layer projector and predictor without a last BatchNorm, target momentum 0.996 cosine to 1.
   */
  public static Framework byol() {
    return framework(
        "byol",
        e -> {
          HeadSpec head = reshape(e.projector(), 2, false);
          return e.withLoss(ByolCosine.byolCosine())
              .withMomentum(Momentum.cosine(0.996))
              .withProjector(head)
              .withPredictor(Optional.of(head));
        });
  }

  /**
   * SwAV (Caron et al. 2020, arXiv 2006.09882) with its multi-crop: 6 local crops, as in its
   * 2x224 + 6x96 setting. See {@link #swav(int)}.
   */
  public static Framework swav() {
    return swav(6);
  }

  /**
   * SwAV: swapped prediction of Sinkhorn codes over 3,000 prototypes at tau 0.1 (see {@link
   * Swav}), a 2-layer projector without a last BatchNorm (SwAV's 2048-128 head; widths here stay
   * the experiment's), no predictor, no momentum encoder. With {@code localCrops > 0} the
   * experiment's global views are joined by that many local crops of SwAV's scale (0.05, 0.14), at
   * 96/224 of the global size (rounded up to a size the backbone takes: a multiple of a ViT's
   * patch); the global views keep the experiment's crops so the frameworks see the same views.
   */
  public static Framework swav(int localCrops) {
    if (localCrops < 0) {
      throw new SpecException(
          "Frameworks.swav: localCrops = " + localCrops + "; use 0 (two views) or more");
    }
    return framework(
        localCrops == 0 ? "swav" : "swav-multicrop-" + localCrops,
        e -> {
          Experiment swav =
              e.withLoss(Swav.swav())
                  .withProjector(reshape(e.projector(), 2, false))
                  .withPredictor(Optional.empty())
                  .withMomentum(Momentum.none());
          return localCrops == 0 ? swav : swav.withAugmentation(multiCrop(e, localCrops));
        });
  }

  private static MultiCrop multiCrop(Experiment e, int localCrops) {
    List<View> global = e.augmentation().views().subList(0, e.augmentation().globalViews());
    View local =
        global.get(0)
            .withSize(localSize(e.backbone()))
            .withCropScaleMin(0.05)
            .withCropScaleMax(0.14);
    return MultiCrop.of(global, local, localCrops);
  }

  /** SwAV's 96/224 of the global size, rounded up to a side the backbone takes. */
  static int localSize(BackboneSpec backbone) {
    int size = backbone.imageSize();
    for (int s = (int) Math.round(size * 96 / 224.0); s < size; s++) {
      if (backbone.acceptsImageSize(s)) {
        return s;
      }
    }
    return size;
  }

  /** An MLP head with this depth and last BatchNorm, keeping hidden and output widths. */
  private static HeadSpec reshape(HeadSpec head, int layers, boolean lastBatchNorm) {
    return head instanceof Mlp mlp ? mlp.withLayers(layers).withLastBatchNorm(lastBatchNorm) : head;
  }

  private static Framework framework(
      String name, java.util.function.UnaryOperator<Experiment> change) {
    return new Framework() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Experiment applyTo(Experiment experiment) {
        return change.apply(experiment);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
