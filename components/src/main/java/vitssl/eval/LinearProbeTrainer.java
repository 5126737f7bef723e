package vitssl.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import java.util.stream.IntStream;
import vitssl.dsl.eval.LinearProbe;
import vitssl.engine.HostArrays;
import vitssl.engine.Scalars;

/**
 * Linear probing on frozen features, as MoCo v3's {@code main_lincls} does it (arXiv 2104.02057): a
 * linear classifier initialised normal(0, 0.01) with zero bias, cross-entropy, SGD with momentum
 * and the spec's weight decay, a cosine learning rate from {@code spec.lr()} to 0 without warmup,
 * taken per iteration; mini-batches of {@code spec.batchSize()} drawn from a fresh seeded shuffle
 * every epoch, the last one smaller when the batch does not divide the set.
 *
 * <p>Features are extracted once, so each step is two small matrix products on the engine, in a
 * manager that is closed after the step, run on one intra-op thread ({@link OneIntraOpThread}).
 * Features are standardised by default ({@link FeatureScaling}).
 */
public final class LinearProbeTrainer {
  private static final double MIN_STD = 1e-6;

  private final LinearProbe spec;
  private final FeatureScaling scaling;
  private final long seed;

  public LinearProbeTrainer(LinearProbe spec, FeatureScaling scaling, long seed) {
    this.spec = spec;
    this.scaling = scaling;
    this.seed = seed;
  }

  /** Standardised features, seed 0: see {@link FeatureScaling#STANDARDISED} for why. */
  public static LinearProbeTrainer of(LinearProbe spec) {
    return new LinearProbeTrainer(spec, FeatureScaling.STANDARDISED, 0);
  }

  /**
   * Fits the classifier on the train features and measures it on the test features.
   *
   * @param trainFeatures {@code [N, D]}, with {@code trainLabels[i]} the class of row i
   * @param testFeatures {@code [M, D]}, with their true classes
   * @param classes the number of classes; every label is below it
   */
  public ProbeResult train(
      NDArray trainFeatures,
      int[] trainLabels,
      NDArray testFeatures,
      int[] testLabels,
      int classes) {
    check(trainFeatures, trainLabels, testFeatures, testLabels, classes);
    return OneIntraOpThread.run(
        () -> trainChecked(trainFeatures, trainLabels, testFeatures, testLabels, classes));
  }

  private ProbeResult trainChecked(
      NDArray trainFeatures,
      int[] trainLabels,
      NDArray testFeatures,
      int[] testLabels,
      int classes) {
    try (NDManager scope = trainFeatures.getManager().newSubManager()) {
      NDArray train = trainFeatures.get(scope, new NDIndex(":")).toType(DataType.FLOAT32, false);
      NDArray test = testFeatures.get(scope, new NDIndex(":")).toType(DataType.FLOAT32, false);
      if (scaling == FeatureScaling.STANDARDISED) {
        NDArray mean = train.mean(new int[] {0}, true);
        NDArray centred = train.sub(mean);
        NDArray std;
        try (NDArray squares = centred.square()) {
          std = Scalars.maximum(squares.mean(new int[] {0}, true).sqrt(), MIN_STD);
        }
        train = centred.divi(std);
        test = test.sub(mean).divi(std);
      }
      Random random = new Random(seed);
      int width = Math.toIntExact(train.getShape().get(1));
      try (SoftmaxClassifier classifier =
          new SoftmaxClassifier(
              scope,
              SoftmaxClassifier.normalWeight(random, width, classes),
              spec.momentum(),
              spec.weightDecay())) {
        NDArray oneHot = HostArrays.ints(scope, trainLabels).oneHot(classes, DataType.FLOAT32);
        double finalLoss = fit(classifier, SoftmaxClassifier.withBiasColumn(train), oneHot, random);
        Accuracy accuracy =
            accuracy(
                classifier.logits(SoftmaxClassifier.withBiasColumn(test)), testLabels, classes);
        return new ProbeResult(accuracy.top1(), accuracy.top5(), finalLoss);
      }
    }
  }

  /**
   * Runs every epoch; returns the mean cross-entropy over the last one, each batch measured just
   * before its step. Each epoch gathers the shuffled set once, so that a step takes a contiguous
   * slice rather than gathering its rows.
   */
  private double fit(
      SoftmaxClassifier classifier, NDArray features, NDArray oneHot, Random random) {
    int n = Math.toIntExact(features.getShape().get(0));
    int batch = spec.batchSize();
    int stepsPerEpoch = (n + batch - 1) / batch;
    long totalSteps = (long) stepsPerEpoch * spec.epochs();
    int[] order = IntStream.range(0, n).toArray();
    long iteration = 0;
    double lastEpochLoss = 0;
    for (int epoch = 0; epoch < spec.epochs(); epoch++) {
      shuffle(order, random);
      try (NDManager epochScope = features.getManager().newSubManager()) {
        NDIndex shuffled = new NDIndex("{}", epochScope.create(order));
        NDArray epochFeatures = features.get(epochScope, shuffled);
        NDArray epochLabels = oneHot.get(epochScope, shuffled);
        boolean last = epoch == spec.epochs() - 1;
        for (int from = 0; from < n; from += batch) {
          int to = Math.min(n, from + batch);
          try (NDManager step = epochScope.newSubManager()) {
            NDIndex rows = new NDIndex("{}:{}", from, to);
            NDArray x = epochFeatures.get(step, rows);
            NDArray y = epochLabels.get(step, rows);
            if (last) {
              lastEpochLoss += classifier.loss(x, y) * (to - from);
            }
            classifier.step(x, y, cosineLr(iteration++, totalSteps));
          }
        }
      }
    }
    return lastEpochLoss / n;
  }

  /** Half-cycle cosine from {@code spec.lr()} at the first iteration towards 0, no warmup. */
  double cosineLr(long iteration, long totalSteps) {
    return spec.lr() * 0.5 * (1 + Math.cos(Math.PI * iteration / totalSteps));
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
  }

  private static Accuracy accuracy(NDArray logits, int[] labels, int classes) {
    float[] flat = logits.toFloatArray();
    ClassRanking ranking = new ClassRanking();
    double[] scores = new double[classes];
    for (int row = 0; row < labels.length; row++) {
      for (int c = 0; c < classes; c++) {
        scores[c] = flat[row * classes + c];
      }
      ranking.add(scores, labels[row]);
    }
    return ranking.accuracy();
  }

  private static void check(
      NDArray trainFeatures,
      int[] trainLabels,
      NDArray testFeatures,
      int[] testLabels,
      int classes) {
    Labels.check("probe train", trainFeatures, trainLabels);
    Labels.check("probe test", testFeatures, testLabels);
    if (testFeatures.getShape().get(1) != trainFeatures.getShape().get(1)) {
      throw new IllegalArgumentException(
          "probe test features have shape "
              + testFeatures.getShape()
              + " but the train features "
              + trainFeatures.getShape()
              + ": extract both with the same backbone");
    }
    int named = Labels.classCount(trainLabels, testLabels);
    if (classes < 2 || named > classes) {
      throw new IllegalArgumentException(
          "probe classes = "
              + classes
              + " but the labels go up to "
              + (named - 1)
              + ": pass the data set's number of classes (at least 2)");
    }
  }
}
