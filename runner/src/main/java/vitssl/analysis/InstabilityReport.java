package vitssl.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vitssl.dsl.monitor.InstabilityDetection;
import vitssl.io.AtomicFiles;

/**
 * The instability of one run, found after the fact in its {@code metrics.jsonl}: the dips of the
 * kNN curve, the spike events of every layer's gradient norm (layers in the order they were logged,
 * first layer first), and for each spike of the last layer the lag after the first-layer spike that
 * preceded it. Written as {@code instability.json} next to the metrics.
 */
public record InstabilityReport(
    @JsonProperty("detection") InstabilityDetection detection,
    @JsonProperty("knn_points") int knnPoints,
    @JsonProperty("dips") List<Dip> dips,
    @JsonProperty("spikes") Map<String, List<SpikeEvent>> spikes,
    @JsonProperty("lags") List<SpikeLag> lags) {
  public static final String METRICS = "metrics.jsonl";
  public static final String FILE = "instability.json";

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  public InstabilityReport {
    dips = List.copyOf(dips);
    LinkedHashMap<String, List<SpikeEvent>> ordered = new LinkedHashMap<>();
    spikes.forEach((layer, events) -> ordered.put(layer, List.copyOf(events)));
    spikes = Collections.unmodifiableMap(ordered);
    lags = List.copyOf(lags);
  }

  /**
   * Reads {@code metrics.jsonl} in {@code runFolder}, finds dips, spikes and lags, writes {@code
   * instability.json} into the folder and returns what it wrote.
   */
  public static InstabilityReport analyse(Path runFolder, InstabilityDetection spec) {
    Path metrics = runFolder.resolve(METRICS);
    if (!Files.isRegularFile(metrics)) {
      throw new IllegalArgumentException(
          "run folder "
              + runFolder
              + " has no "
              + METRICS
              + ": pass the folder a training run wrote its metrics to");
    }
    InstabilityReport report = of(RunMetrics.read(metrics), spec);
    AtomicFiles.writeString(runFolder.resolve(FILE), report.toJson() + "\n");
    return report;
  }

  /** The {@code instability.json} of a run folder, if {@link #analyse} wrote one. */
  public static Optional<InstabilityReport> read(Path runFolder) {
    Path file = runFolder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), InstabilityReport.class));
    } catch (IOException e) {
      throw new UncheckedIOException(
          file + " is unreadable (" + e.getMessage() + "): delete it and analyse the run again", e);
    }
  }

  /**
   * The report of a metrics file as it stands, written nowhere: for a run still training, whose
   * {@code instability.json} comes only after its last step.
   */
  public static InstabilityReport of(Path metricsFile, InstabilityDetection spec) {
    return of(RunMetrics.read(metricsFile), spec);
  }

  static InstabilityReport of(RunMetrics metrics, InstabilityDetection spec) {
    GradientSpikes finder = new GradientSpikes(spec);
    LinkedHashMap<String, List<SpikeEvent>> spikes = new LinkedHashMap<>();
    metrics.gradNorms().forEach((layer, norms) -> spikes.put(layer, finder.find(norms)));
    List<SpikeLag> lags = List.of();
    if (spikes.size() >= 2) {
      List<List<SpikeEvent>> layers = List.copyOf(spikes.values());
      lags = new SpikeLags(spec).match(layers.get(0), layers.get(layers.size() - 1));
    }
    return new InstabilityReport(
        spec, metrics.knn().size(), new KnnDips(spec).find(metrics.knn()), spikes, lags);
  }

  /** The first layer with logged gradient norms. */
  public Optional<String> firstLayer() {
    return spikes.keySet().stream().findFirst();
  }

  /** The last layer with logged gradient norms. */
  public Optional<String> lastLayer() {
    return spikes.keySet().stream().reduce((a, b) -> b);
  }

  /** The spike events of the first layer; empty when no gradient norms were logged. */
  public List<SpikeEvent> firstLayerSpikes() {
    return firstLayer().map(spikes::get).orElse(List.of());
  }

  /** The spike events of the last layer; empty when no gradient norms were logged. */
  public List<SpikeEvent> lastLayerSpikes() {
    return lastLayer().map(spikes::get).orElse(List.of());
  }

  /**
   * A few headline numbers for a run's summary: dip count and deepest dip when the run measured
   * kNN, spike counts and matched lags when it logged gradient norms. Keys are snake_case, like the
   * rest of {@code summary.json}.
   */
  public Map<String, Number> headline() {
    Map<String, Number> out = new LinkedHashMap<>();
    if (knnPoints > 0) {
      out.put("knn_dips", dips.size());
      out.put("knn_deepest_dip", dips.stream().mapToDouble(Dip::depth).max().orElse(0));
      out.put("knn_unrecovered_dips", (int) dips.stream().filter(d -> !d.recovered()).count());
    }
    if (!spikes.isEmpty()) {
      out.put("grad_spikes_first_layer", firstLayerSpikes().size());
      out.put("grad_spikes_last_layer", lastLayerSpikes().size());
    }
    if (spikes.size() >= 2) {
      long[] matched =
          lags.stream()
              .filter(l -> l.lag().isPresent())
              .mapToLong(l -> l.lag().getAsLong())
              .sorted()
              .toArray();
      out.put("last_layer_spikes_after_first", matched.length);
      if (matched.length > 0) {
        int mid = matched.length / 2;
        out.put(
            "spike_lag_median",
            matched.length % 2 == 1
                ? (double) matched[mid]
                : (matched[mid - 1] + matched[mid]) / 2.0);
      }
    }
    return out;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the instability report as JSON", e);
    }
  }

  /** Three Markdown sections: kNN dips, spikes per layer, first-to-last-layer lags. */
  public String toMarkdown() {
    return InstabilityMarkdown.render(this);
  }
}
