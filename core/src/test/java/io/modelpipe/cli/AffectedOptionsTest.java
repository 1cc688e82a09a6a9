package io.modelpipe.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.pipeline.AffectedSelection;
import io.modelpipe.testing.FileTrees;
import io.modelpipe.testing.GitRepos;
import io.modelpipe.trigger.TriggerContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** The {@code --affected [--since REV]} mixin as a command that runs pipelines uses it. */
public class AffectedOptionsTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  /** Stands in for {@code modelpipe run}: prints the pipelines it would run. */
  @Command(name = "run")
  static final class RunLike implements Callable<Integer> {
    @Parameters(index = "0") Path repo;
    @Mixin AffectedOptions affectedOptions = new AffectedOptions();
    @Mixin SetupOptions setupOptions = new SetupOptions();
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PipelineConfig config = PipelineConfigReader.read(repo);
      TriggerContext trigger = setupOptions.trigger(Map.of());
      Setup setup = setupOptions.setup(repo, trigger, Instant.now());
      Optional<AffectedSelection> selection = affectedOptions.select(repo, config, trigger, setup);
      PrintWriter out = spec.commandLine().getOut();
      out.println(selection.map(AffectedSelection::names).orElse(config.names()));
      selection.ifPresent(s -> s.lines().forEach(out::println));
      return 0;
    }
  }

  private String[] run(String... args) {
    CommandLine commandLine = new CommandLine(new RunLike());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      err.write(ex.getMessage());
      return Main.exitCodeOf(ex);
    });
    int code = commandLine.execute(args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Test
  public void withoutAffectedEveryPipelineRunsAndWithItOnlyTheAffectedOnes() throws Exception {
    Path repo = FileTrees.copy(Path.of("../examples/inference-services"), temp.newFolder("repo").toPath());
    try (Git git = GitRepos.init(repo)) {
      GitRepos.commitAll(git, "initial");
    }
    Files.writeString(repo.resolve("tox.ini"), Files.readString(repo.resolve("tox.ini")) + "# edited\n");

    String[] all = run(repo.toString(), "--project", "p");
    assertEquals(all[2], "0", all[0]);
    assertTrue(all[1], all[1].startsWith("[outlink, outlink-publish, revertrisk, revertrisk-publish, articlequality"));

    String[] affected = run(repo.toString(), "--project", "p", "--affected", "--since", "HEAD");
    assertEquals(affected[2], "0", affected[0]);
    assertTrue(affected[1], affected[1].startsWith("[outlink, revertrisk, articlequality]\n"
        + "outlink: tox.ini is copied by variant test (copies: tox.ini)\n"));

    String[] sinceAlone = run(repo.toString(), "--since", "HEAD");
    assertEquals("2", sinceAlone[0]);
    assertTrue(sinceAlone[2], sinceAlone[2].contains("--since needs --affected"));

    String[] badRevision = run(repo.toString(), "--affected", "--since", "nope");
    assertEquals("2", badRevision[0]);
    assertEquals("command line: --since: unknown revision 'nope'", badRevision[2]);
  }
}
