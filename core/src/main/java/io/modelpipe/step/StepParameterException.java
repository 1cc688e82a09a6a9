package io.modelpipe.step;

/** A step parameter with a value the step cannot take; the message names the step, the parameter and what was found. */
public final class StepParameterException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public StepParameterException(String message) {
    super(message);
  }
}
