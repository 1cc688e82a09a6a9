package io.modelpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by the foundation work. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class PlanCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("modelpipe plan is not implemented yet");
  }
}
