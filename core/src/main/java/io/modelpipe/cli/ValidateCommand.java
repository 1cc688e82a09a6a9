package io.modelpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by the foundation work. */
@Command(name = "validate", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class ValidateCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("modelpipe validate is not implemented yet");
  }
}
