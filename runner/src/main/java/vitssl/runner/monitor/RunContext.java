package vitssl.runner.monitor;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import vitssl.backbone.Backbone;
import vitssl.data.Dataset;
import vitssl.dsl.Experiment;
import vitssl.runner.evaluation.FeatureExtractor;

/**
 * What a monitor may use of the run it watches.
 *
 * @param backbone the query encoder's backbone, the one being trained (its layers, its gradients)
 * @param features that backbone's features in inference mode, through the run's eval view
 * @param manager long-lived manager of the run; a monitor keeps its per-measurement arrays in
 *     sub-managers of it
 * @param folder the run's folder, where a monitor writes files of its own
 */
public record RunContext(
    Experiment experiment,
    Backbone backbone,
    FeatureExtractor features,
    Dataset data,
    NDManager manager,
    Path folder) {}
