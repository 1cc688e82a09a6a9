package io.modelpipe.image;

import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the engine's stream of one push: layer states, the manifest digest, and an error reported
 * inside the stream (the engine answers 200 and reports a failed push as an {@code errorDetail}
 * item, so the HTTP status alone says nothing).
 */
final class PushStream {

  /** What became of a layer in this push. */
  enum LayerState { STARTED, UPLOADING, PUSHED, ALREADY_EXISTS }

  private static final Pattern DIGEST_STATUS = Pattern.compile("digest: (sha256:[0-9a-f]{64})(?: size: \\d+)?");

  private final String reference;
  private final SecretMasker masker;
  private final Consumer<PushProgress> progress;
  private final Map<String, LayerState> layers = new LinkedHashMap<>();
  private String digest;
  private String error;

  PushStream(String reference, SecretMasker masker, Consumer<PushProgress> progress) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.masker = Objects.requireNonNull(masker, "masker");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Takes one item of the stream. */
  void accept(PushResponseItem item) {
    String message = errorOf(item);
    if (message != null) {
      if (error == null) {
        error = masker.mask(message.strip());
      }
      return;
    }
    ResponseItem.AuxDetail aux = item.getAux();
    if (aux != null && aux.getDigest() != null) {
      digest = aux.getDigest();
    }
    String status = item.getStatus();
    if (status == null) {
      return;
    }
    Matcher matcher = DIGEST_STATUS.matcher(status);
    if (matcher.find() && digest == null) {
      digest = matcher.group(1);
    }
    String layer = item.getId() == null ? "" : item.getId();
    if (!layer.isEmpty()) {
      track(layer, status);
    }
    ResponseItem.ProgressDetail detail = item.getProgressDetail();
    long current = detail == null || detail.getCurrent() == null ? -1 : detail.getCurrent();
    long total = detail == null || detail.getTotal() == null ? -1 : detail.getTotal();
    progress.accept(new PushProgress(reference, layer, masker.mask(status), current, total));
  }

  private void track(String layer, String status) {
    LayerState state;
    if (status.equals("Pushed")) {
      state = LayerState.PUSHED;
    } else if (status.equals("Layer already exists") || status.startsWith("Mounted from")) {
      state = LayerState.ALREADY_EXISTS;
    } else if (status.equals("Pushing")) {
      state = LayerState.UPLOADING;
    } else {
      state = LayerState.STARTED;
    }
    // A final state is never undone by a late progress line.
    layers.merge(layer, state, (old, now) -> old.compareTo(LayerState.PUSHED) >= 0 ? old : now);
  }

  private static String errorOf(ResponseItem item) {
    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
      return item.getErrorDetail().getMessage();
    }
    return item.getError();
  }

  /** The error the stream reported, secrets masked; empty when none. */
  Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The manifest digest the engine reported, {@code sha256:...}; empty when none. */
  Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /** Layers uploaded by this push. */
  Set<String> pushedLayers() {
    return layersIn(LayerState.PUSHED);
  }

  /** Layers the registry already had (or mounted from another repository). */
  Set<String> existingLayers() {
    return layersIn(LayerState.ALREADY_EXISTS);
  }

  private Set<String> layersIn(LayerState state) {
    return layers.entrySet().stream()
        .filter(e -> e.getValue() == state)
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }
}
