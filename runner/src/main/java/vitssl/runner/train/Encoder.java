package vitssl.runner.train;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import vitssl.backbone.Backbone;

/** A backbone with its projection head: one encoder of a siamese method. */
public final class Encoder {
  private final Backbone backbone;
  private final Block projector;
  private final SequentialBlock block;

  public Encoder(Backbone backbone, Block projector) {
    this.backbone = backbone;
    this.projector = projector;
    this.block = new SequentialBlock().add(backbone.block()).add(projector);
  }

  public Backbone backbone() {
    return backbone;
  }

  public Block projector() {
    return projector;
  }

  /** Backbone then projector, as one block: what is initialised, saved and loaded. */
  public Block block() {
    return block;
  }

  /** Backbone then projector parameters, in order. */
  public List<Parameter> parameters() {
    return new ArrayList<>(block.getParameters().values());
  }
}
