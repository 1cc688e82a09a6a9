package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PushResponseItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

/** {@link PushStream} on streams recorded from Docker Engine 20.10 pushing to Distribution 2.8. */
public class PushStreamTest {

  private static final String DIGEST = "sha256:4390bb2b9f433eefd42774240388b3385c9314cc4f0eb9301325cb1874714630";

  private final List<PushProgress> events = new ArrayList<>();

  private PushStream read(SecretMasker masker, String... lines) throws Exception {
    // docker-java decodes the engine's JSON with Jackson 2, as here.
    ObjectMapper mapper = new ObjectMapper();
    PushStream stream = new PushStream("r:5000/bb:1", masker, events::add);
    for (String line : lines) {
      stream.accept(mapper.readValue(line, PushResponseItem.class));
    }
    return stream;
  }

  @Test
  public void firstPushUploadsAndReportsTheDigest() throws Exception {
    PushStream stream = read(SecretMasker.NONE,
        "{\"status\":\"The push refers to repository [r:5000/bb]\"}",
        "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"d50193a47ca0\"}",
        "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"ad0d43f4861f\"}",
        "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":34816,\"total\":1982284},\"progress\":\"[>  ]\",\"id\":\"d50193a47ca0\"}",
        "{\"status\":\"Mounted from team/other\",\"progressDetail\":{},\"id\":\"ad0d43f4861f\"}",
        "{\"status\":\"Pushed\",\"progressDetail\":{},\"id\":\"d50193a47ca0\"}",
        "{\"status\":\"1: digest: " + DIGEST + " size: 527\"}",
        "{\"progressDetail\":{},\"aux\":{\"Tag\":\"1\",\"Digest\":\"" + DIGEST + "\",\"Size\":527}}");
    assertEquals(Optional.empty(), stream.error());
    assertEquals(Optional.of(DIGEST), stream.digest());
    assertEquals(Set.of("d50193a47ca0"), stream.pushedLayers());
    assertEquals(Set.of("ad0d43f4861f"), stream.existingLayers());
    assertEquals(new PushProgress("r:5000/bb:1", "d50193a47ca0", "Pushing", 34816, 1982284), events.get(3));
    assertEquals("r:5000/bb:1 d50193a47ca0: Pushing 34816/1982284 bytes", events.get(3).format());
  }

  @Test
  public void digestFromTheStatusLineAloneAndLayersAlreadyThere() throws Exception {
    PushStream stream = read(SecretMasker.NONE,
        "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"d50193a47ca0\"}",
        "{\"status\":\"Layer already exists\",\"progressDetail\":{},\"id\":\"d50193a47ca0\"}",
        "{\"status\":\"1: digest: " + DIGEST + " size: 527\"}");
    assertEquals(Optional.of(DIGEST), stream.digest());
    assertEquals(Set.of(), stream.pushedLayers());
    assertEquals(Set.of("d50193a47ca0"), stream.existingLayers());
  }

  @Test
  public void anErrorInsideTheStreamIsDetectedAndMasked() throws Exception {
    PushStream stream = read(SecretMasker.of("hunter2"),
        "{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"ad0d43f4861f\"}",
        "{\"status\":\"Pushing\",\"progressDetail\":{\"current\":40000000,\"total\":40000000},\"id\":\"ad0d43f4861f\"}",
        "{\"status\":\"Retrying in 5 seconds\",\"progressDetail\":{},\"id\":\"ad0d43f4861f\"}",
        "{\"errorDetail\":{\"message\":\"Get \\\"http://bot:hunter2@r:5000/v2/\\\": dial tcp: connect: connection refused\"},"
            + "\"error\":\"Get \\\"http://bot:hunter2@r:5000/v2/\\\": dial tcp: connect: connection refused\"}");
    assertEquals(Optional.of("Get \"http://bot:****@r:5000/v2/\": dial tcp: connect: connection refused"), stream.error());
    assertEquals(Optional.empty(), stream.digest());
    assertEquals(Set.of(), stream.pushedLayers());
    assertTrue(Failure.ofMessage(stream.error().get()).isTransient());
  }

  @Test
  public void anErrorWithoutDetailIsDetectedToo() throws Exception {
    PushStream stream = read(SecretMasker.NONE, "{\"error\":\"unauthorized: authentication required\"}");
    assertEquals(Optional.of("unauthorized: authentication required"), stream.error());
  }
}
