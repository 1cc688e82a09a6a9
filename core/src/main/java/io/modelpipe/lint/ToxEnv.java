package io.modelpipe.lint;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.Location;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tox test environment, resolved for one env name: {@code [testenv:NAME]} (or the generative
 * section that produces NAME) over {@code [testenv]}, with factor-conditional lines applied and
 * substitutions done.
 *
 * @param name the env's name ({@code flake8})
 * @param description {@code description}, or empty
 * @param commands {@code commands}, in order
 * @param deps {@code deps}, one requirement a line (informational: modelpipe never installs)
 * @param setenv {@code setenv}, added to the commands' environment
 * @param changedir the commands' working directory ({@code changedir}, default the tox.ini's
 *     directory)
 * @param allowlistExternals {@code allowlist_externals} (or the older {@code whitelist_externals})
 * @param skipInstall {@code skip_install}
 * @param ignoreErrors {@code ignore_errors}: run every command even after one fails
 * @param location the section that defines the env ({@code [testenv:NAME]}, or {@code [testenv]}
 *     for an env only named in {@code envlist})
 * @param problems problems tox reports only when this env runs (an unset {@code {env:X}} without
 *     default, an unknown substitution, an unbalanced quote); empty when the env can run
 */
public record ToxEnv(
    String name,
    String description,
    List<ToxCommand> commands,
    List<String> deps,
    Map<String, String> setenv,
    Path changedir,
    List<String> allowlistExternals,
    boolean skipInstall,
    boolean ignoreErrors,
    Location location,
    List<Diagnostic> problems) {

  public ToxEnv {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    commands = List.copyOf(commands);
    deps = List.copyOf(deps);
    setenv = Map.copyOf(setenv);
    Objects.requireNonNull(changedir, "changedir");
    allowlistExternals = List.copyOf(allowlistExternals);
    Objects.requireNonNull(location, "location");
    problems = List.copyOf(problems);
  }
}
