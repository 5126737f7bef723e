package vitssl.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Consecutive spiking measurements of one layer's gradient norm, counted as one event: where it
 * starts and ends, and its highest value against the running median ({@code peak_ratio}). A
 * non-finite norm has an infinite ratio, so an event holding one peaks there.
 */
public record SpikeEvent(
    @JsonProperty("first_step") long firstStep,
    @JsonProperty("last_step") long lastStep,
    @JsonProperty("peak_step") long peakStep,
    @JsonProperty("peak_value") double peakValue,
    @JsonProperty("peak_ratio") double peakRatio) {}
