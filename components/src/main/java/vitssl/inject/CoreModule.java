package vitssl.inject;

import com.google.inject.AbstractModule;
import java.util.List;
import vitssl.data.Cifar10Data;
import vitssl.data.ImageFolderData;
import vitssl.data.SubsetData;
import vitssl.dsl.backbone.ResNet;
import vitssl.dsl.backbone.Vit;
import vitssl.dsl.data.Cifar10;
import vitssl.dsl.data.ImageFolder;
import vitssl.dsl.data.Subset;
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
import vitssl.model.MlpHead;
import vitssl.model.ResNetBackbone;
import vitssl.model.VitBackbone;
import vitssl.train.AdamWUpdate;
import vitssl.train.ByolLoss;
import vitssl.train.InfoNceLoss;
import vitssl.train.LambUpdate;
import vitssl.train.LarsUpdate;
import vitssl.train.NtXentLoss;
import vitssl.train.SwavLoss;
import vitssl.train.WarmupConstantSchedule;
import vitssl.train.WarmupCosineSchedule;

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
    Bindings.loss(binder(), InfoNce.class, spec -> symmetric(new InfoNceLoss(spec)));
    Bindings.loss(binder(), NtXent.class, NtXentLoss::new);
    Bindings.loss(binder(), ByolCosine.class, spec -> new ByolLoss());
    Bindings.loss(binder(), Swav.class, SwavLoss::new);
    Bindings.optimizer(binder(), AdamW.class, AdamWUpdate::new);
    Bindings.optimizer(binder(), Lars.class, LarsUpdate::new);
    Bindings.optimizer(binder(), Lamb.class, LambUpdate::new);
    Bindings.schedule(binder(), WarmupCosine.class, WarmupCosineSchedule::new);
    Bindings.schedule(binder(), WarmupConstant.class, WarmupConstantSchedule::new);
  }

  /** MoCo v3's symmetrised loss over the first two views: ctr(q1, k2) + ctr(q2, k1). */
  private static vitssl.train.SiameseLoss symmetric(InfoNceLoss loss) {
    return (List<ai.djl.ndarray.NDArray> q, List<ai.djl.ndarray.NDArray> k) ->
        loss.symmetric(q.get(0), q.get(1), k.get(0), k.get(1));
  }
}
