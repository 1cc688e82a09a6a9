package io.modelpipe.cli;

import io.modelpipe.RetryPolicy;
import io.modelpipe.gerrit.ChangeTarget;
import io.modelpipe.trigger.Change;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.trigger.TriggerReader;
import io.modelpipe.gerrit.DeliveryOutcome;
import io.modelpipe.gerrit.GerritConnection;
import io.modelpipe.gerrit.GerritRejectedException;
import io.modelpipe.gerrit.GerritReporter;
import io.modelpipe.gerrit.GerritSettings;
import io.modelpipe.gerrit.InlineRequest;
import io.modelpipe.gerrit.Notify;
import io.modelpipe.gerrit.ReviewMessage;
import io.modelpipe.gerrit.Secret;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunResults;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code modelpipe gerrit}: posts run results to Gerrit changes, and sends reviews left in the outbox. */
@Command(
    name = "gerrit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reports run results on Gerrit changes: 'comment' posts a result, 'flush' sends the reviews queued while Gerrit was unreachable. Each review is posted at most once per patch set: the change's messages are checked first.",
      "Connection: --url or MODELPIPE_GERRIT_URL; credentials from --user with --password-stdin (a Gerrit HTTP password) or --token-stdin, else MODELPIPE_GERRIT_USER with MODELPIPE_GERRIT_PASSWORD or MODELPIPE_GERRIT_TOKEN, else a credentials file (--credentials-file or MODELPIPE_GERRIT_CREDENTIALS; properties url, user, password, token). Secrets are never printed.",
    },
    subcommands = {GerritCommand.Comment.class, GerritCommand.Flush.class})
public final class GerritCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(tools.jackson.databind.SerializationFeature.INDENT_OUTPUT).build();

  /** Credentials and delivery options shared by both subcommands. */
  static final class ConnectionOptions {

    @Spec(Spec.Target.MIXEE) CommandSpec mixee;

    @Option(names = "--user", paramLabel = "U", description = "Gerrit user (default: MODELPIPE_GERRIT_USER).")
    String user;

    static final class SecretSource {
      @Option(names = "--password-stdin", description = "Read the user's Gerrit HTTP password from standard input.")
      boolean passwordStdin;

      @Option(names = "--token-stdin", description = "Read a bearer token from standard input.")
      boolean tokenStdin;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1") SecretSource secretSource;

    @Option(names = "--credentials-file", paramLabel = "FILE",
        description = "Properties file with url, user, password or token (default: MODELPIPE_GERRIT_CREDENTIALS).")
    Path credentialsFile;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
        description = "Tries per review when Gerrit answers 429 or 5xx or cannot be reached (default: ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--retry-delay", paramLabel = "SECONDS", defaultValue = "1",
        description = "Wait after the first failed try, doubled after each (at most 30 s; default: ${DEFAULT-VALUE}).")
    double retryDelay;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
        description = "Longest wait for one answer from Gerrit (default: ${DEFAULT-VALUE}).")
    double timeout;

    GerritConnection connection(Optional<String> url) {
      Optional<Secret> password = Optional.empty();
      Optional<Secret> token = Optional.empty();
      if (secretSource != null && secretSource.passwordStdin) {
        password = Optional.of(readSecret("--password-stdin"));
      } else if (secretSource != null && secretSource.tokenStdin) {
        token = Optional.of(readSecret("--token-stdin"));
      }
      PrintWriter err = mixee.commandLine().getErr();
      return GerritConnection.resolve(
          new GerritConnection.Flags(url, Optional.ofNullable(user), password, token, Optional.ofNullable(credentialsFile)),
          ModelpipeCommand.environmentOf(mixee), err::println);
    }

    RetryPolicy retryPolicy() {
      if (attempts < 1) {
        throw new ParameterException(mixee.commandLine(), "--attempts must be at least 1");
      }
      if (retryDelay < 0 || retryDelay > 30) {
        throw new ParameterException(mixee.commandLine(), "--retry-delay must be between 0 and 30 seconds");
      }
      Duration initial = Duration.ofMillis(Math.round(retryDelay * 1000));
      return RetryPolicy.of(attempts, initial, Duration.ofSeconds(30));
    }

    Duration requestTimeout() {
      if (timeout <= 0) {
        throw new ParameterException(mixee.commandLine(), "--timeout must be positive");
      }
      return Duration.ofMillis(Math.round(timeout * 1000));
    }

    private Secret readSecret(String option) {
      try {
        InputStream in = System.in;
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return Secret.of(text);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read standard input for " + option, e);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(mixee.commandLine(), option + ": standard input is empty");
      }
    }
  }

  @Command(
      name = "comment",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Posts a run's result (the JSON file 'modelpipe run' writes) as a review message on its Gerrit patch set, tagged autogenerated:modelpipe, in PipelineLib's format. Project, change and patch set come from the options, else from the result's trigger. Not posted again when the patch set already has the same message. When Gerrit stays unreachable (429, 5xx, no connection) after the retries, the review is queued in the outbox for 'modelpipe gerrit flush' and the exit code is 3.",
      })
  static final class Comment implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--result", paramLabel = "RESULT.json", required = true,
        description = "The run's result file; '-' reads it from standard input.")
    Path result;

    @Option(names = "--url", paramLabel = "URL",
        description = "Gerrit's base URL, e.g. https://gerrit.wikimedia.org/r/ (default: MODELPIPE_GERRIT_URL).")
    String url;

    @Mixin ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--project", paramLabel = "P", description = "Gerrit project (default: the result's).")
    String project;

    @Option(names = "--change", paramLabel = "N", description = "Change number (default: the result's).")
    Integer change;

    @Option(names = "--patchset", paramLabel = "N", description = "Patch set number (default: the result's).")
    Integer patchSet;

    @Option(names = "--label", paramLabel = "NAME=VALUE",
        description = "Vote with the review, e.g. Verified=+1; repeatable.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--notify", paramLabel = "WHOM",
        description = "Whom Gerrit e-mails: ${COMPLETION-CANDIDATES} (default: Gerrit's, ALL).")
    Notify notify;

    @Option(names = "--outbox", paramLabel = "DIR", defaultValue = ".modelpipe/outbox",
        description = "Where a review waits when Gerrit is unreachable (default: ${DEFAULT-VALUE}).")
    Path outbox;

    @Option(names = "--max-inline", paramLabel = "N", defaultValue = "" + InlineRequest.DEFAULT_MAX_INLINE,
        description = "Most of the result's lint findings posted as inline comments on the patch set's files and lines, in the same review (default: ${DEFAULT-VALUE}; 0 for none). Findings in files the patch set did not touch are counted in the message, as are those over the limit and those Gerrit cannot place (named).")
    int maxInline;

    @Option(names = "--dry-run", description = "Print the patch set and the message; post nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print a JSON document instead of text.")
    boolean json;

    @Mixin ResultFileOption resultFile = new ResultFileOption();

    private Map<String, String> environment() {
      return ModelpipeCommand.environmentOf(spec);
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Map<String, Integer> votes = GerritVotes.parse(labels, spec.commandLine(), "--label");
      if (maxInline < 0) {
        throw new ParameterException(spec.commandLine(), "--max-inline must be 0 or more");
      }
      RunResult run = result.toString().equals("-")
          ? RunResults.parse("standard input", readStandardInput())
          : RunResults.read(result, result.toString());
      InlineRequest inline = new InlineRequest(run.findings(), maxInline);
      // The change comes from flags, else the result's trigger (the runner writes it there), else
      // the trigger environment of this job (ZUUL_*, GERRIT_*).
      Optional<String> projectFlag = Optional.ofNullable(project);
      OptionalInt changeFlag = change == null ? OptionalInt.empty() : OptionalInt.of(change);
      OptionalInt patchSetFlag = patchSet == null ? OptionalInt.empty() : OptionalInt.of(patchSet);
      ChangeTarget target = ChangeTarget.of(run, projectFlag, changeFlag, patchSetFlag)
          .or(() -> {
            TriggerContext trigger = TriggerReader.read(environment());
            Optional<Change> changed = trigger.change();
            return ChangeTarget.of(run,
                projectFlag.or(trigger::project),
                changeFlag.isPresent() ? changeFlag : changed.map(c -> OptionalInt.of(c.number())).orElse(OptionalInt.empty()),
                patchSetFlag.isPresent() ? patchSetFlag : changed.map(Change::patchSet).orElse(OptionalInt.empty()));
          })
          .orElseThrow(() -> new ParameterException(spec.commandLine(), result
              + " names no change and patch set to comment on, nor does the trigger environment;"
              + " give --change and --patchset (and --project)"));
      String message = ReviewMessage.format(run);
      if (dryRun) {
        if (json || resultFile.path(environment()).isPresent()) {
          ObjectNode doc = targetJson(target);
          doc.put("outcome", "dry-run");
          doc.put("message", message);
          doc.put("lintFindings", inline.findings().size());
          resultFile.write(environment(), JSON.writeValueAsString(doc));
          if (json) {
            out.println(JSON.writeValueAsString(doc));
          }
        }
        if (!json) {
          out.println("would post to " + target.describe() + ":");
          out.print(message);
          if (!inline.isEmpty()) {
            out.println("and " + inline.findings().size() + " lint findings as inline comments (at most " + maxInline
                + "; placed against the patch set's files when posted)");
          }
        }
        return ExitCodes.OK;
      }
      GerritConnection resolved = connection.connection(Optional.ofNullable(url));
      URI base = resolved.requireUrl();
      GerritSettings settings = GerritSettings.of(base, resolved.requireCredentials())
          .withLabels(votes)
          .withNotify(Optional.ofNullable(notify))
          .withRetry(connection.retryPolicy())
          .withRequestTimeout(connection.requestTimeout())
          .withOutbox(outbox);
      DeliveryOutcome outcome;
      try {
        outcome = new GerritReporter(settings, line -> err.println("modelpipe gerrit: " + line))
            .deliver(target, message, inline);
      } catch (GerritRejectedException e) {
        err.println("modelpipe gerrit: " + e.getMessage());
        return ExitCodes.INVALID_INPUT;
      }
      if (json || resultFile.path(environment()).isPresent()) {
        ObjectNode doc = targetJson(target);
        doc.put("gerritUrl", base.toString());
        outcomeJson(doc, outcome);
        resultFile.write(environment(), JSON.writeValueAsString(doc));
        if (json) {
          out.println(JSON.writeValueAsString(doc));
        }
      }
      if (!json && !(outcome instanceof DeliveryOutcome.Queued)) {
        out.println("modelpipe gerrit: " + outcome.describe());
      }
      return outcome instanceof DeliveryOutcome.Queued ? ExitCodes.SERVICE_UNAVAILABLE : ExitCodes.OK;
    }
  }

  private static String readStandardInput() {
    try {
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the result from standard input", e);
    }
  }

  @Command(
      name = "flush",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Sends the reviews waiting in the outbox, each to the Gerrit and patch set it was queued for, and removes the ones delivered or found already posted. Exit 0 when the outbox is empty afterwards, 3 when Gerrit is still unreachable or refuses the credentials, 2 when Gerrit rejects an entry (it is kept, with the reason printed).",
      })
  static final class Flush implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--outbox", paramLabel = "DIR", defaultValue = ".modelpipe/outbox",
        description = "The outbox folder (default: ${DEFAULT-VALUE}).")
    Path outbox;

    @Option(names = "--json", description = "Print a JSON document instead of text.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      GerritConnection resolved = connection.connection(Optional.empty());
      GerritSettings settings = GerritSettings.forFlush(resolved.requireCredentials(), outbox)
          .withRetry(connection.retryPolicy())
          .withRequestTimeout(connection.requestTimeout());
      List<GerritReporter.FlushEntry> entries =
          new GerritReporter(settings, line -> err.println("modelpipe gerrit: " + line)).flush();
      int code = ExitCodes.OK;
      ArrayNode docs = JSON.createArrayNode();
      for (GerritReporter.FlushEntry entry : entries) {
        ObjectNode doc = docs.addObject();
        doc.put("file", entry.file().toString());
        if (entry.outcome().isPresent()) {
          DeliveryOutcome outcome = entry.outcome().get();
          doc.setAll(targetJson(outcome.target()));
          outcomeJson(doc, outcome);
          if (outcome instanceof DeliveryOutcome.Queued queued) {
            code = Math.max(code, ExitCodes.SERVICE_UNAVAILABLE);
            if (!json) {
              err.println("modelpipe gerrit: " + entry.file() + ": still queued: " + queued.reason());
            }
          } else if (!json) {
            out.println("modelpipe gerrit: " + entry.file() + ": " + outcome.describe() + "; removed");
          }
        } else {
          doc.put("outcome", "kept");
          doc.put("problem", entry.problem());
          code = code == ExitCodes.SERVICE_UNAVAILABLE ? code : ExitCodes.INVALID_INPUT;
          if (!json) {
            err.println("modelpipe gerrit: " + entry.file() + ": kept: " + entry.problem());
          }
        }
      }
      if (json) {
        ObjectNode root = JSON.createObjectNode();
        root.put("outbox", outbox.toString());
        root.set("entries", docs);
        out.println(JSON.writeValueAsString(root));
      } else if (entries.isEmpty()) {
        out.println("modelpipe gerrit: the outbox " + outbox + " is empty");
      }
      return code;
    }
  }

  private static ObjectNode targetJson(ChangeTarget target) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("project", target.project());
    doc.put("change", target.change());
    doc.put("patchset", target.patchSet());
    return doc;
  }

  private static void outcomeJson(ObjectNode doc, DeliveryOutcome outcome) {
    if (outcome instanceof DeliveryOutcome.Delivered) {
      doc.put("outcome", "delivered");
    } else if (outcome instanceof DeliveryOutcome.AlreadyPosted posted) {
      doc.put("outcome", "already-posted");
      doc.put("messageId", posted.messageId());
    } else if (outcome instanceof DeliveryOutcome.Queued queued) {
      doc.put("outcome", "queued");
      doc.put("outboxFile", queued.file().toString());
      doc.put("reason", queued.reason());
    }
    if (!(outcome instanceof DeliveryOutcome.Queued) && !outcome.inline().isEmpty()) {
      // the same shape as the result's "review" (RunResults)
      doc.set("review", RunResults.toTree(outcome.toResult()));
    }
  }
}
