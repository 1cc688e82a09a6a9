package io.modelpipe.step;

import io.modelpipe.CredentialVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a step's call into the engine's command line and environment. Flags are the CLI's own
 * (README and {@code modelpipe COMMAND --help}); credentials go into the {@code MODELPIPE_*}
 * variables the CLI already reads, never into arguments.
 */
final class CommandLines {

  /** The variables the CLI reads credentials and settings from. */
  static final String REGISTRY_USER = "MODELPIPE_REGISTRY_USER";
  static final String REGISTRY_PASSWORD = "MODELPIPE_REGISTRY_PASSWORD";
  static final String GERRIT_USER = "MODELPIPE_GERRIT_USER";
  static final String GERRIT_PASSWORD = "MODELPIPE_GERRIT_PASSWORD";
  static final String GERRIT_TOKEN = "MODELPIPE_GERRIT_TOKEN";
  static final String ALLOWED_CREDENTIALS = "MODELPIPE_ALLOWED_CREDENTIALS";
  static final String BASE_MAP = "MODELPIPE_BASE_MAP";
  static final String RESULT_FILE = "MODELPIPE_RESULT_FILE";

  private CommandLines() {}

  /** Rejects combinations of parameters the command cannot take together. */
  static void checkCombination(StepSpec spec, StepValues values) {
    if (spec == StepSpecs.BUILD) {
      boolean stage = values.get("pipeline").isPresent() || values.get("stage").isPresent();
      boolean file = values.get("blubber").isPresent() || values.get("variant").isPresent() || values.get("context").isPresent();
      if (stage == file) {
        throw new StepParameterException(spec.functionName()
            + ": give pipeline and stage (a stage of .pipeline/config.yaml), or blubber and variant (a Blubber file)"
            + (stage ? ", not both" : ""));
      }
      if (stage && (values.get("pipeline").isEmpty() || values.get("stage").isEmpty())) {
        throw new StepParameterException(spec.functionName() + ": pipeline and stage go together; give both");
      }
      if (file && (values.get("blubber").isEmpty() || values.get("variant").isEmpty())) {
        throw new StepParameterException(spec.functionName() + ": blubber and variant go together; give both");
      }
    }
    if (spec == StepSpecs.LINT && values.get("pipeline").isPresent()
        && !values.get("inImage").map(Boolean.class::cast).orElse(false)) {
      throw new StepParameterException(spec.functionName() + ": pipeline goes with inImage: true");
    }
    if (spec == StepSpecs.RUN && values.get("since").isPresent()
        && !values.get("affected").map(Boolean.class::cast).orElse(false)) {
      throw new StepParameterException(spec.functionName() + ": since goes with affected: true");
    }
  }

  static StepCommand of(StepInvocation call, List<StepCredential> credentials, String resultFile) {
    StepSpec spec = call.spec();
    List<String> args = new ArrayList<>(List.of(spec.command().split(" ")));
    Map<String, String> env = new LinkedHashMap<>();
    List<String> secrets = new ArrayList<>();
    Optional<String> stdin = Optional.empty();
    if (spec == StepSpecs.VALIDATE) {
      args.add(call.string("dir").orElse("."));
    } else if (spec == StepSpecs.LINT) {
      args.add(call.string("dir").orElse("."));
      if (!call.list("envs").isEmpty()) {
        args.add("--env");
        args.add(String.join(",", call.list("envs")));
      }
      if (call.flag("inImage")) {
        args.add("--in-image");
        call.string("pipeline").ifPresent(p -> add(args, "--pipeline", p));
        baseMap(call, env);
      }
      call.string("junit").filter(s -> !s.isEmpty()).ifPresent(p -> add(args, "--junit", p));
      call.string("checkstyle").filter(s -> !s.isEmpty()).ifPresent(p -> add(args, "--checkstyle", p));
    } else if (spec == StepSpecs.BUILD) {
      if (call.string("pipeline").isPresent()) {
        args.add(".");
        add(args, "--pipeline", call.string("pipeline").get());
        add(args, "--stage", call.string("stage").get());
      } else {
        add(args, "--blubber", call.string("blubber").get());
        add(args, "--variant", call.string("variant").get());
        call.string("context").ifPresent(c -> add(args, "--context", c));
      }
      call.list("tags").forEach(t -> add(args, "--tag", t));
      baseMap(call, env);
    } else if (spec == StepSpecs.PUBLISH) {
      args.add(call.string("image").get());
      add(args, "--name", call.string("name").get());
      call.list("tags").forEach(t -> add(args, "--tag", t));
      call.registry().ifPresent(r -> add(args, "--registry", r));
      registryCredentials(call, credentials, env, secrets);
    } else if (spec == StepSpecs.RUN) {
      args.add(".");
      call.list("pipelines").forEach(p -> add(args, "--pipeline", p));
      if (call.flag("affected")) {
        args.add("--affected");
        call.string("since").ifPresent(s -> add(args, "--since", s));
      }
      call.registry().ifPresent(r -> add(args, "--registry", r));
      if (!call.defaults().publishContexts().isEmpty()) {
        add(args, "--publish-contexts", String.join(",", call.defaults().publishContexts()));
      }
      call.gerritUrl().ifPresent(u -> add(args, "--gerrit-url", u));
      call.map("labels").forEach((label, vote) -> add(args, "--gerrit-label", label + "=" + vote));
      call.string("network").ifPresent(n -> add(args, "--network", n));
      call.integer("jobs").ifPresent(j -> add(args, "--jobs", Integer.toString(j)));
      baseMap(call, env);
      registryCredentials(call, credentials, env, secrets);
      gerritCredentials(call, credentials, env, secrets);
      env.put(ALLOWED_CREDENTIALS, String.join(",", call.allowedCredentials()));
      for (String id : call.allowedCredentials()) {
        find(credentials, id).ifPresent(c -> {
          String value = c instanceof StepCredential.SecretText text ? text.secret()
              : ((StepCredential.UsernamePassword) c).password();
          env.put(CredentialVariables.name(id), value);
          secrets.add(value);
        });
      }
    } else if (spec == StepSpecs.REVIEW) {
      add(args, "--result", "-");
      call.gerritUrl().ifPresent(u -> add(args, "--url", u));
      call.map("labels").forEach((label, vote) -> add(args, "--label", label + "=" + vote));
      gerritCredentials(call, credentials, env, secrets);
      stdin = Optional.of(ResultMaps.runResultJson(call.result("result")));
    }
    add(args, "--result-file", resultFile);
    return new StepCommand(args, env, secrets.stream().filter(s -> !s.isEmpty()).distinct().toList(), resultFile,
        call.workspace(), stdin);
  }

  private static void add(List<String> args, String flag, String value) {
    args.add(flag);
    args.add(value);
  }

  private static void baseMap(StepInvocation call, Map<String, String> env) {
    Map<String, String> map = call.baseMap();
    if (!map.isEmpty()) {
      List<String> pairs = new ArrayList<>();
      map.forEach((from, to) -> pairs.add(from + "=" + to));
      env.put(BASE_MAP, String.join(" ", pairs));
    }
  }

  private static void registryCredentials(StepInvocation call, List<StepCredential> credentials, Map<String, String> env,
      List<String> secrets) {
    call.registryCredentialsId().flatMap(id -> find(credentials, id)).ifPresent(c -> {
      if (!(c instanceof StepCredential.UsernamePassword up)) {
        throw new StepParameterException(call.spec().functionName() + ": registryCredentialsId '" + c.id()
            + "' is not a username/password credential");
      }
      env.put(REGISTRY_USER, up.username());
      env.put(REGISTRY_PASSWORD, up.password());
      secrets.add(up.password());
    });
  }

  private static void gerritCredentials(StepInvocation call, List<StepCredential> credentials, Map<String, String> env,
      List<String> secrets) {
    call.gerritCredentialsId().flatMap(id -> find(credentials, id)).ifPresent(c -> {
      if (c instanceof StepCredential.UsernamePassword up) {
        env.put(GERRIT_USER, up.username());
        env.put(GERRIT_PASSWORD, up.password());
        secrets.add(up.password());
      } else {
        String token = ((StepCredential.SecretText) c).secret();
        env.put(GERRIT_TOKEN, token);
        secrets.add(token);
      }
    });
  }

  private static Optional<StepCredential> find(List<StepCredential> credentials, String id) {
    return credentials.stream().filter(c -> c.id().equals(id)).findFirst();
  }
}
