package io.modelpipe.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.UsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.modelpipe.step.CredentialRequest;
import io.modelpipe.step.CredentialRequest.Kind;
import io.modelpipe.step.StepCredential;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Looks up the credentials core asks for, in the context of the build, and records their use. */
final class StepCredentials {

  private StepCredentials() {}

  static List<StepCredential> lookUp(List<CredentialRequest> requests, Run<?, ?> run, TaskListener listener)
      throws AbortException {
    List<StepCredential> found = new ArrayList<>();
    for (CredentialRequest request : requests) {
      StandardCredentials credential = CredentialsProvider.findCredentialById(request.id(), StandardCredentials.class, run);
      if (credential == null) {
        if (!"allowedCredentials".equals(request.purpose())) {
          throw new AbortException("modelpipe: no credential '" + request.id() + "' (" + request.purpose()
              + ") is visible to this build");
        }
        listener.getLogger().println("modelpipe: allowed credential '" + request.id() + "' is not visible to this build");
        continue;
      }
      if (credential instanceof UsernamePasswordCredentials up && request.kind() != Kind.SECRET_TEXT) {
        found.add(StepCredential.usernamePassword(request.id(), up.getUsername(), up.getPassword().getPlainText()));
      } else if (credential instanceof StringCredentials text && request.kind() != Kind.USERNAME_PASSWORD) {
        found.add(StepCredential.secretText(request.id(), text.getSecret().getPlainText()));
      } else {
        throw new AbortException("modelpipe: credential '" + request.id() + "' (" + request.purpose() + ") must be "
            + (request.kind() == Kind.ANY ? "a username with password or a secret text"
                : request.kind() == Kind.SECRET_TEXT ? "a secret text" : "a username with password"));
      }
      CredentialsProvider.track(run, credential);
    }
    return found;
  }
}
