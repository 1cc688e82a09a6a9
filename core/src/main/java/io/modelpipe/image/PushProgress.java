package io.modelpipe.image;

import java.util.Objects;

/**
 * One progress event of a push, as the engine reports it for a layer.
 *
 * @param reference the reference being pushed ({@code HOST/NAME:TAG})
 * @param layer the layer's short id, or empty for events about the whole push
 * @param status the engine's status: {@code Preparing}, {@code Pushing}, {@code Pushed},
 *     {@code Layer already exists}, {@code Mounted from ...}, {@code Retrying in 5 seconds}
 * @param current bytes sent so far, or -1 when not known
 * @param total the layer's size in bytes, or -1 when not known
 */
public record PushProgress(String reference, String layer, String status, long current, long total) {

  public PushProgress {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(status, "status");
  }

  /** One line for a log: {@code REF LAYER: STATUS [current/total]}. */
  public String format() {
    String bytes = current >= 0 && total > 0 ? " " + current + "/" + total + " bytes" : "";
    return reference + (layer.isEmpty() ? "" : " " + layer) + ": " + status + bytes;
  }
}
