package vitssl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.UniformInitializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import vitssl.dsl.loss.Swav;
import vitssl.engine.Scalars;
import vitssl.optim.GradientNorm;

/**
 * SwAV's swapped-prediction loss (Caron et al. 2020, arXiv 2006.09882, eq. 1-3 and its {@code
 * main_swav.py}). Views' projections z are L2-normalised and scored against the prototypes C,
 * {@code s = z C^T}. For each code view i (the first {@code codeViews}), the codes q_i come from
 * the detached scores by {@link #sinkhorn}; every other view v predicts them:
 *
 * <pre>
 *   loss = 1/G sum_i 1/(V-1) sum_{v != i} -mean_b sum_k q_i[b,k] log softmax(s_v[b] / tau)[k]
 * </pre>
 *
 * <p>The prototypes are a parameter [K, D], initialised as PyTorch's {@code nn.Linear} (uniform
 * within 1/sqrt(D)) and L2-normalised row by row before every step, as SwAV does; for the first
 * {@code freezePrototypes} steps they sit out the optimizer (gradient cleared, no decay, no
 * moments, no step count), as SwAV sets their gradient to None. With a queue, the
 * detached normalised projections of each code view's last {@code queueLength} images join the
 * Sinkhorn problem once the queue is full, so codes are balanced over more than one small batch.
 */
public final class SwavLoss implements SiameseLoss {
  private static final double NORM_EPS = 1e-12;

  private final Swav spec;
  private Parameter prototypes;
  private NDManager state;
  private SwavQueue queue;
  private long freezeSteps;
  private long queueStartStep;
  private long step;

  public SwavLoss(Swav spec) {
    this.spec = spec;
  }

  @Override
  public void initialize(LossContext context) {
    if (prototypes != null) {
      throw new IllegalStateException("SwavLoss is initialised already");
    }
    this.state = context.manager();
    int width = context.embeddingWidth();
    this.prototypes =
        Parameter.builder()
            .setName("prototypes")
            .setType(Parameter.Type.WEIGHT)
            .optShape(new Shape(spec.prototypes(), width))
            .optInitializer(new UniformInitializer((float) (1 / Math.sqrt(width))))
            .build();
    prototypes.initialize(state, DataType.FLOAT32);
    normalisePrototypes();
    this.freezeSteps = spec.freezePrototypes().toSteps(context.stepsPerEpoch(), context.totalSteps());
    this.queueStartStep = spec.queueStart().toSteps(context.stepsPerEpoch(), context.totalSteps());
    this.queue = new SwavQueue(spec.codeViews(), spec.queueLength(), state);
  }

  @Override
  public List<Parameter> parameters() {
    requireInitialised();
    return List.of(prototypes);
  }

  /** The prototypes [K, D], for tests and inspection. */
  public NDArray prototypes() {
    requireInitialised();
    return prototypes.getArray();
  }

  /** Normalises the prototypes, as SwAV does at the start of every iteration. */
  @Override
  public void beginStep(long step) {
    requireInitialised();
    this.step = step;
    normalisePrototypes();
  }

  /** Zeroes the prototypes' gradient while they are frozen. */
  @Override
  public void beforeUpdate(long step) {
    if (parametersFrozenAt(step)) {
      GradientNorm.zero(List.of(prototypes));
    }
  }

  /**
   * The prototypes sit out the optimizer for the first {@code freezePrototypes} steps, as SwAV
   * sets their gradient to None: not decayed, no moments, no step count.
   */
  @Override
  public boolean parametersFrozenAt(long step) {
    return step < freezeSteps;
  }

  @Override
  public boolean usesKeys() {
    return false;
  }

  /**
   * The loss over the query outputs (projections, one per view, code views first); keys are not
   * read. Every intermediate array is closed; the loss lives in the first query's manager.
   */
  @Override
  public NDArray compute(List<NDArray> queries, List<NDArray> keys) {
    requireInitialised();
    int views = queries.size();
    int codeViews = spec.codeViews();
    if (views < 2 || codeViews > views) {
      throw new IllegalArgumentException(
          "SwavLoss: got " + views + " views for " + codeViews + " code views; give at least 2"
              + " views and no more code views (Swav.codeViews) than views");
    }
    NDManager scope = queries.get(0).getManager();
    NDArray[] scores = new NDArray[views];
    NDArray total = null;
    try (NDManager temporary = scope.newSubManager();
        NDArray weights = prototypes.getArray().transpose()) {
      weights.attach(temporary);
      NDArray[] units = new NDArray[views];
      for (int v = 0; v < views; v++) {
        units[v] = queries.get(v).normalize(2, 1, NORM_EPS);
        units[v].attach(temporary);
        scores[v] = units[v].matMul(weights);
        scores[v].attach(temporary);
      }
      NDArray sum = null;
      for (int i = 0; i < codeViews; i++) {
        NDArray codes = codes(i, scores[i], units[i], weights, temporary);
        NDArray subloss = null;
        for (int v = 0; v < views; v++) {
          if (v == i) {
            continue;
          }
          NDArray logProbs = Scalars.div(scores[v], spec.temperature()).logSoftmax(1);
          NDArray crossEntropy = codes.mul(logProbs).sum(new int[] {1}).mean().neg();
          subloss = subloss == null ? crossEntropy : subloss.add(crossEntropy);
        }
        NDArray averaged = Scalars.div(subloss, views - 1);
        sum = sum == null ? averaged : sum.add(averaged);
      }
      total = Scalars.div(sum, codeViews);
      total.attach(scope);
    }
    return total;
  }

  /**
   * Codes of code view {@code i}: Sinkhorn over its detached scores, with the queue's scores
   * first once the queue is full; the queue then takes this batch's projections.
   */
  private NDArray codes(int i, NDArray scores, NDArray unit, NDArray weights, NDManager temporary) {
    NDArray detached = scores.stopGradient();
    detached.attach(temporary);
    int batch = Math.toIntExact(detached.getShape().get(0));
    NDArray problem = detached;
    NDArray queued = queue.fullOrNull(i);
    if (queued != null) {
      NDArray queueScores = queued.matMul(weights.stopGradient());
      queueScores.attach(temporary);
      problem = queueScores.concat(detached, 0);
    }
    NDArray codes = sinkhorn(problem, spec.epsilon(), spec.sinkhornIterations());
    long rows = problem.getShape().get(0);
    NDArray own = codes.get(rows - batch + ":");
    if (spec.queueLength() > 0 && step >= queueStartStep) {
      queue.push(i, unit, batch);
    }
    return own;
  }

  /**
   * SwAV's Sinkhorn-Knopp ({@code distributed_sinkhorn}, one process) on scores [B, K]: Q =
   * exp(scores / eps)^T normalised to sum 1, then {@code iterations} times rows to 1/K and columns
   * to 1/B; returns B Q^T, whose rows sum to 1 (each sample's code) and whose columns approach
   * B/K (equal use of the prototypes). The exponent is shifted by its maximum first, which the
   * first normalisation cancels. No gradient is recorded if {@code scores} has none.
   */
  public static NDArray sinkhorn(NDArray scores, double epsilon, int iterations) {
    long batch = scores.getShape().get(0);
    long prototypes = scores.getShape().get(1);
    NDManager manager = scores.getManager();
    try (NDManager temporary = manager.newSubManager()) {
      // Results land in the manager of the array an op starts from: start from a copy in here.
      NDArray detached = scores.stopGradient();
      detached.attach(temporary);
      NDArray s = detached.duplicate();
      NDArray q = Scalars.div(s.sub(s.max()), epsilon).exp().transpose();
      q = q.div(q.sum());
      for (int it = 0; it < iterations; it++) {
        q = Scalars.div(q.div(q.sum(new int[] {1}, true)), prototypes);
        q = Scalars.div(q.div(q.sum(new int[] {0}, true)), batch);
      }
      NDArray codes = Scalars.mul(q, batch).transpose();
      codes.attach(manager);
      return codes;
    }
  }

  @Override
  public boolean stateful() {
    return true;
  }

  /** The prototypes, then the queue (count of filled rows and each code view's array). */
  @Override
  public void saveState(DataOutputStream out) throws IOException {
    requireInitialised();
    prototypes.save(out);
    queue.save(out);
  }

  @Override
  public void loadState(DataInputStream in, NDManager manager) throws IOException {
    requireInitialised();
    try {
      prototypes.load(state, in);
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException("checkpoint's SwAV prototypes do not match: " + e.getMessage(), e);
    }
    prototypes.initialize(state, DataType.FLOAT32);
    queue.load(in);
  }

  private void normalisePrototypes() {
    NDArray weights = prototypes.getArray();
    try (NDArray detached = weights.stopGradient();
        NDArray norms = detached.norm(new int[] {1}, true);
        NDArray floor = Scalars.maximum(norms, NORM_EPS)) {
      detached.divi(floor);
    }
  }

  private void requireInitialised() {
    if (prototypes == null) {
      throw new IllegalStateException("SwavLoss: call initialize(LossContext) before use");
    }
  }
}
