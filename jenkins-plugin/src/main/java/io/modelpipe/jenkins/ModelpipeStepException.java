package io.modelpipe.jenkins;

import hudson.AbortException;

/**
 * A modelpipe step that failed, with the message core made of the engine's result. What the step
 * would have returned is in {@link #getResult()}, for trusted code that catches it (shared libraries
 * outside the sandbox; a sandboxed script may not call it).
 */
public final class ModelpipeStepException extends AbortException {

  private static final long serialVersionUID = 1L;

  private final Object result;

  ModelpipeStepException(String message, Object result) {
    super(message);
    this.result = result;
  }

  public Object getResult() {
    return result;
  }
}
