package vitssl.runner.finetune;

import ai.djl.ndarray.NDManager;
import vitssl.augment.ImageTransform;
import vitssl.data.ImageSource;
import vitssl.eval.Accuracy;
import vitssl.eval.ClassRanking;
import vitssl.runner.evaluation.Features;

/** The classifier's top-1 and top-5 on labelled images, in inference mode through the eval view. */
record HeldOut(ImageSource source, ImageTransform view, int batchSize, int workers) {
  Accuracy accuracy(Classifier classifier, NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      Features logits =
          Features.extract(
              source, view, images -> classifier.logits(images, false), batchSize, workers, scope);
      float[] all = logits.features().toFloatArray();
      int classes = Math.toIntExact(logits.features().getShape().get(1));
      ClassRanking ranking = new ClassRanking();
      double[] scores = new double[classes];
      for (int i = 0; i < logits.labels().length; i++) {
        for (int c = 0; c < classes; c++) {
          scores[c] = all[i * classes + c];
        }
        ranking.add(scores, logits.labels()[i]);
      }
      return ranking.accuracy();
    }
  }
}
