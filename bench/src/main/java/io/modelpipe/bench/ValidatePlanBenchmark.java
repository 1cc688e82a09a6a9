package io.modelpipe.bench;

import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.config.PipelineConfigReader;

import io.modelpipe.pipeline.Plan;
import io.modelpipe.pipeline.Planner;
import io.modelpipe.pipeline.RepositoryValidator;
import io.modelpipe.pipeline.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validate and plan of a generated monorepo (30 services by default: 60 pipelines, 30 Blubber
 * files, 60 compiled variants), as {@code modelpipe validate} and {@code modelpipe plan} do them,
 * without JVM start-up (bench/validate-wall-time.sh measures that).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ValidatePlanBenchmark {

  @Param({"30"})
  int services;

  private Path repo;
  private io.modelpipe.config.Setup setup;

  @Setup(Level.Trial)
  public void writeMonorepo() throws IOException {
    repo = GeneratedMonorepo.write(Files.createTempDirectory("modelpipe-bench"), services);
    setup = io.modelpipe.config.Setup.builder()
        .project("machinelearning/liftwing/inference-services")
        .timestamp("2026-01-02-030405")
        .build();
  }

  @TearDown(Level.Trial)
  public void deleteMonorepo() throws IOException {
    try (Stream<Path> paths = Files.walk(repo)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public ValidationReport validate() {
    ValidationReport report = new RepositoryValidator(repo, setup, CompileOptions.defaults()).validate();
    if (report.variants().size() != 2 * services) {
      throw new IllegalStateException("expected " + 2 * services + " variants, got " + report.variants().size());
    }
    return report;
  }

  @Benchmark
  public Plan plan() {
    return new Planner(setup).plan(PipelineConfigReader.read(repo));
  }

  @Benchmark
  public Plan validateThenPlan() {
    validate();
    return plan();
  }
}
