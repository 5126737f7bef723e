package vitssl.inject;

import com.google.inject.AbstractModule;
import java.util.List;
import vitssl.backbone.ResNetBackbone;
import vitssl.backbone.VitBackbone;
import vitssl.data.Cifar10Data;
import vitssl.data.ImageFolderData;
import vitssl.data.SubsetData;
import vitssl.data.ValidationSplitData;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.Cifar10;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.data.Subset;
import vitssl.dsl.data.ValidationSplit;
import vitssl.dsl.head.Mlp;
import vitssl.dsl.loss.ByolCosine;
import vitssl.dsl.loss.InfoNce;
import vitssl.dsl.loss.NtXent;
import vitssl.dsl.loss.Swav;
import vitssl.dsl.optim.AdamW;
import vitssl.dsl.optim.Lamb;
import vitssl.dsl.optim.Lars;
import vitssl.dsl.optim.WarmupConstant;
import vitssl.dsl.optim.WarmupCosine;
import vitssl.head.MlpHead;
import vitssl.loss.ByolCosineLoss;
import vitssl.loss.InfoNceLoss;
import vitssl.loss.NtXentLoss;
import vitssl.loss.SwavLoss;
import vitssl.optim.AdamWOptimizer;
import vitssl.optim.LambOptimizer;
import vitssl.optim.LarsOptimizer;
import vitssl.schedule.WarmupConstantSchedule;
import vitssl.schedule.WarmupCosineSchedule;

/** The framework's own components, one binding each, no logic. */
public final class CoreModule extends AbstractModule {
  @Override
  protected void configure() {
    Bindings.backbone(binder(), Vit.class, VitBackbone::new);
    Bindings.backbone(binder(), ResNet.class, ResNetBackbone::new);
    Bindings.head(binder(), Mlp.class, MlpHead::new);
    Bindings.data(binder(), Cifar10.class, Cifar10Data::open);
    Bindings.data(binder(), ImageFolder.class, ImageFolderData::open);
    Bindings.data(binder()).addBinding(Subset.class).to(SubsetData.class);
    Bindings.data(binder()).addBinding(ValidationSplit.class).to(ValidationSplitData.class);
    Bindings.loss(binder(), InfoNce.class, spec -> symmetric(new InfoNceLoss(spec)));
    Bindings.loss(binder(), NtXent.class, NtXentLoss::new);
    Bindings.loss(binder(), ByolCosine.class, spec -> new ByolCosineLoss());
    Bindings.loss(binder(), Swav.class, SwavLoss::new);
    Bindings.optimizer(binder(), AdamW.class, AdamWOptimizer::new);
    Bindings.optimizer(binder(), Lars.class, LarsOptimizer::new);
    Bindings.optimizer(binder(), Lamb.class, LambOptimizer::new);
    Bindings.schedule(binder(), WarmupCosine.class, WarmupCosineSchedule::new);
    Bindings.schedule(binder(), WarmupConstant.class, WarmupConstantSchedule::new);
  }

  /** MoCo v3's symmetrised loss over the first two views: ctr(q1, k2) + ctr(q2, k1). */
  private static vitssl.loss.SiameseLoss symmetric(InfoNceLoss loss) {
    return (List<ai.djl.ndarray.NDArray> q, List<ai.djl.ndarray.NDArray> k) ->
        loss.symmetric(q.get(0), q.get(1), k.get(0), k.get(1));
  }
}
