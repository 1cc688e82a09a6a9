package io.modelpipe.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by the foundation work. */
@Command(name = "blubber", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class BlubberCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("modelpipe blubber is not implemented yet");
  }
}
