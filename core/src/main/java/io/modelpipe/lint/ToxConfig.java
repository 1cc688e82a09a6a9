package io.modelpipe.lint;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's {@code tox.ini}, read and checked by {@link ToxConfigReader}.
 *
 * @param root the directory holding {@code tox.ini} (tox's {@code {toxinidir}}), absolute
 * @param file the file as shown in messages ({@code tox.ini})
 * @param envlist {@code [tox] envlist}, expanded ({@code py{310,311}} gives two names)
 * @param skipsdist {@code [tox] skipsdist}
 * @param envs every env tox knows: the envlist's, then those of {@code [testenv:NAME]} sections
 * @param flake8 the {@code [flake8]} section: option name (dashes, as flake8 documents it) to
 *     value; empty when there is none
 */
public record ToxConfig(
    Path root, String file, List<String> envlist, boolean skipsdist, List<ToxEnv> envs, Map<String, String> flake8) {

  public ToxConfig {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(file, "file");
    envlist = List.copyOf(envlist);
    envs = List.copyOf(envs);
    flake8 = Map.copyOf(flake8);
  }

  public Optional<ToxEnv> env(String name) {
    return envs.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The envs to run: {@code names} in that order, or the envlist when {@code names} is empty (every
   * env when there is no envlist, as tox does). Throws when a name is unknown or an env selected
   * has problems tox would report when it runs.
   */
  public List<ToxEnv> select(List<String> names) {
    List<String> wanted = names.isEmpty() ? (envlist.isEmpty() ? envs.stream().map(ToxEnv::name).toList() : envlist) : names;
    Map<String, ToxEnv> selected = new LinkedHashMap<>();
    List<Diagnostic> problems = new ArrayList<>();
    for (String name : wanted) {
      Optional<ToxEnv> env = env(name);
      if (env.isEmpty()) {
        problems.add(new Diagnostic(Location.ofFile(file), "",
            "no env '" + name + "'; defined: " + String.join(", ", envs.stream().map(ToxEnv::name).toList())));
      } else if (selected.putIfAbsent(name, env.get()) == null) {
        problems.addAll(env.get().problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return List.copyOf(selected.values());
  }
}
