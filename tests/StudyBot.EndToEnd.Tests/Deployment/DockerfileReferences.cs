using System.Text.RegularExpressions;

namespace StudyBot.EndToEnd.Tests.Deployment;

/// <summary>No Docker engine runs here, so these check what can be checked: that the images are built from paths,
/// projects and stages that exist, and run the way the README says.</summary>
public sealed partial class DockerfileReferences
{
    private static readonly string Root = Bot.RepositoryRoot.Path;

    public static TheoryData<string> Dockerfiles => new() { "docker/Dockerfile", "docker/Dockerfile.gpu" };

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_copied_path_exists_in_the_repository(string file)
    {
        var dockerfile = Dockerfile.Parse(Path.Combine(Root, file));
        var copies = dockerfile.Stages.SelectMany(s => s.Instructions)
            .Where(i => i.Name == "COPY" && !i.Arguments.StartsWith("--from", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var sources = copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            foreach (var source in sources)
            {
                var path = Path.Combine(Root, source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{file}: COPY source '{source}' does not exist");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_project_built_or_published_exists(string file)
    {
        var projects = Dockerfile.Parse(Path.Combine(Root, file)).ProjectPaths().ToList();

        Assert.Contains("src/StudyBot/StudyBot.csproj", projects);
        Assert.All(projects, p => Assert.True(File.Exists(Path.Combine(Root, p)), $"{file}: project '{p}' does not exist"));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Stages_copied_from_are_defined_earlier(string file)
    {
        var dockerfile = Dockerfile.Parse(Path.Combine(Root, file));
        var defined = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in dockerfile.Stages)
        {
            foreach (var copy in stage.Instructions.Where(i => i.Name == "COPY" && i.Arguments.StartsWith("--from=", StringComparison.Ordinal)))
            {
                var from = copy.Arguments["--from=".Length..].Split(' ')[0];
                Assert.True(defined.Contains(from), $"{file}: COPY --from={from} names no earlier stage");
            }

            if (stage.Name is not null)
            {
                defined.Add(stage.Name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void The_runtime_stage_runs_the_bot_as_a_non_root_user_with_a_health_check(string file)
    {
        var runtime = Dockerfile.Parse(Path.Combine(Root, file)).Stages[^1].Instructions;

        var user = Assert.Single(runtime, i => i.Name == "USER");
        Assert.NotEqual("root", user.Arguments);
        Assert.Contains(runtime, i => i.Name == "HEALTHCHECK" && i.Arguments.Contains("/healthz", StringComparison.Ordinal));
        Assert.Contains(runtime, i => i.Name == "VOLUME" && i.Arguments.Contains("/data", StringComparison.Ordinal));
        var entrypoint = Assert.Single(runtime, i => i.Name == "ENTRYPOINT");
        Assert.Contains("studybot.dll", entrypoint.Arguments, StringComparison.Ordinal);
        // Without a token a container stops with exit code 2 instead of starting the playground on its loopback.
        var cmd = Assert.Single(runtime, i => i.Name == "CMD");
        Assert.Equal("[\"run\", \"--no-playground\"]", cmd.Arguments);
        // Everything the bot writes goes to the volume: /app is root's, and the user "app" cannot write there.
        var env = string.Join(' ', runtime.Where(i => i.Name == "ENV").Select(i => i.Arguments));
        foreach (var setting in new[] { "Storage__DatabasePath=/data/", "FineTune__RunsDirectory=/data/", "FineTune__ModelsDirectory=/data/" })
        {
            Assert.Contains(setting, env, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_executable_is_named_as_the_images_expect()
    {
        var project = File.ReadAllText(Path.Combine(Root, "src/StudyBot/StudyBot.csproj"));

        Assert.Contains("<AssemblyName>studybot</AssemblyName>", project, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_builds_both_images_from_dockerfiles_that_exist_and_keeps_secrets_in_an_env_file()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "docker/compose.yaml"));

        Assert.Contains("dockerfile: docker/Dockerfile\n", compose, StringComparison.Ordinal);
        Assert.Contains("dockerfile: docker/Dockerfile.gpu", compose, StringComparison.Ordinal);
        Assert.Contains("env_file: studybot.env", compose, StringComparison.Ordinal);
        Assert.Contains("capabilities: [gpu]", compose, StringComparison.Ordinal);
        // One bot per data volume: each service has its own profile, so no plain `up` starts both.
        Assert.Equal(2, Regex.Count(compose, @"(?m)^  studybot(-gpu)?:\n    profiles: \[""(cpu|gpu)""\]$"));
        Assert.True(File.Exists(Path.Combine(Root, "docker/studybot.env.example")));
        Assert.Contains("docker/studybot.env", File.ReadAllText(Path.Combine(Root, ".gitignore")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_gpu_image_points_the_trainer_at_pytorchs_libtorch()
    {
        var runtime = Dockerfile.Parse(Path.Combine(Root, "docker/Dockerfile.gpu")).Stages[^1].Instructions;

        Assert.Contains(runtime, i => i.Name == "ENV" && i.Arguments.Contains("STUDYBOT_LIBTORCH_DIR=/opt/torch/.venv/lib/python3.12/site-packages/torch/lib", StringComparison.Ordinal));
        Assert.Contains(runtime, i => i.Name == "RUN" && i.Arguments.Contains("pip install", StringComparison.Ordinal) && i.Arguments.Contains("torch==", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Images_publish_for_linux_only(string file)
    {
        var publish = Dockerfile.Parse(Path.Combine(Root, file)).Stages.SelectMany(s => s.Instructions)
            .Single(i => i.Name == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));

        Assert.Contains("-r linux-x64", publish.Arguments, StringComparison.Ordinal);
        Assert.Contains("rm -rf /app/runtimes/win-* /app/runtimes/osx-*", publish.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cpu_image_is_published_from_the_stage_that_ran_the_tests()
    {
        var stages = Dockerfile.Parse(Path.Combine(Root, "docker/Dockerfile")).Stages;
        var byName = stages.Where(s => s.Name is not null).ToDictionary(s => s.Name!, StringComparer.OrdinalIgnoreCase);

        var runtime = stages[^1];
        Assert.Contains(runtime.Instructions, i => i.Name == "COPY" && i.Arguments.StartsWith("--from=publish ", StringComparison.Ordinal));
        // publish builds FROM test (a stage the runtime image needs), so a failing test fails `docker build`.
        Assert.Equal("test", byName["publish"].BaseImage);
        var test = Assert.Single(byName["test"].Instructions, i => i.Name == "RUN" && i.Arguments.Contains("dotnet test", StringComparison.Ordinal));
        // The SDK image is Ubuntu, which has no chromium deb: the browser tests are left out there.
        Assert.Contains("--filter \"Category!=Browser\"", test.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_stage_has_the_files_the_deployment_and_docs_tests_read()
    {
        var copied = TopLevelEntriesCopiedBeforeTheTestsRun();

        foreach (var needed in new[] { "README.md", ".gitignore", ".dockerignore", "docker", "docs", "scripts", "papers", "src", "tests", "StudyBot.sln" })
        {
            Assert.True(copied.Contains(needed), $"the test stage does not COPY {needed}");
        }
    }

    /// <summary>The image runs the tests in /src with only what the Dockerfile copied there, so a file a test reads
    /// from the checkout (a string literal naming a top-level entry of the repository, such as ".dockerignore" or
    /// "scripts/studybot") that is not copied throws FileNotFoundException there and fails <c>docker build</c>.</summary>
    [Fact]
    public void Every_repository_file_a_test_names_is_copied_before_the_tests_run_in_the_image()
    {
        var copied = TopLevelEntriesCopiedBeforeTheTestsRun();
        // Local state (data/, models/, ...) is left out of the build context, so it is no part of the image either.
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim().TrimEnd('/')).ToHashSet();
        var topLevel = Directory.EnumerateFileSystemEntries(Root)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !ignored.Contains(name))
            .ToHashSet(StringComparer.Ordinal);
        var testSources = Directory.EnumerateFiles(Path.Combine(Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        var named = new List<(string Entry, string Source)>();
        foreach (var source in testSources)
        {
            foreach (Match literal in StringLiteral().Matches(File.ReadAllText(source)))
            {
                var entry = literal.Groups["path"].Value.Split('/')[0];
                if (topLevel.Contains(entry))
                {
                    named.Add((entry, Path.GetRelativePath(Root, source)));
                }
            }
        }

        Assert.Contains(named, n => n.Entry == ".dockerignore");
        Assert.Contains(named, n => n.Entry == "scripts");
        var missing = named.Where(n => !copied.Contains(n.Entry)).Select(n => $"{n.Entry} (read by {n.Source})").Distinct().ToList();
        Assert.True(missing.Count == 0, "docker/Dockerfile's test stage does not COPY: " + string.Join(", ", missing));
    }

    /// <summary>Top-level names (".gitignore", "docs") the COPY instructions of the stages up to the tests put in /src.</summary>
    private static HashSet<string> TopLevelEntriesCopiedBeforeTheTestsRun()
    {
        var stages = Dockerfile.Parse(Path.Combine(Root, "docker/Dockerfile")).Stages;
        return stages.TakeWhile(s => s.Name != "publish").SelectMany(s => s.Instructions)
            .Where(i => i.Name == "COPY" && !i.Arguments.StartsWith("--", StringComparison.Ordinal))
            .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .Select(source => source.TrimEnd('/').Split('/')[0])
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A C# string literal holding a relative path or a file name: "README.md", "docs", "scripts/studybot".</summary>
    [GeneratedRegex(@"""(?<path>\.?[A-Za-z][\w.-]*(/[\w.-]+)*/?)""")]
    private static partial Regex StringLiteral();

    [Fact]
    public void The_build_context_leaves_out_build_outputs_local_data_and_secrets()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Select(l => l.Trim()).ToHashSet();

        foreach (var pattern in new[] { ".git/", "**/bin/", "**/obj/", "data/", "models/", "runs/", "docker/studybot.env" })
        {
            Assert.Contains(pattern, ignored);
        }
        // Nothing a Dockerfile copies may be ignored.
        Assert.DoesNotContain(ignored, p => p is "papers/" or "src/" or "tests/" or "docs/" or "README.md" or "docker/");
    }

    [Fact]
    public void The_gpu_runtime_installs_what_dotnet_needs_on_the_bare_cuda_image()
    {
        var runtime = Dockerfile.Parse(Path.Combine(Root, "docker/Dockerfile.gpu")).Stages[^1];
        Assert.Equal("${CUDA_IMAGE}", runtime.BaseImage);
        Assert.Matches(@"(?m)^ARG CUDA_IMAGE=nvidia/cuda:\S+-ubuntu24\.04$", File.ReadAllText(Path.Combine(Root, "docker/Dockerfile.gpu")));
        var install = string.Join(' ', runtime.Instructions.Where(i => i.Name == "RUN" && i.Arguments.Contains("apt-get install", StringComparison.Ordinal)).Select(i => i.Arguments));

        foreach (var package in new[] { "libicu74", "tzdata", "libssl3t64", "ca-certificates" })
        {
            Assert.Contains(package, install.Split(' '));
        }
        // tzdata asks for a region unless apt runs non-interactively.
        Assert.Contains("DEBIAN_FRONTEND=noninteractive", install, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_settings_in_the_images_and_env_example_name_real_configuration_keys()
    {
        var known = Docs.ConfigurationKeys.All().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var file in new[] { "docker/Dockerfile", "docker/Dockerfile.gpu" })
        {
            names.AddRange(Dockerfile.Parse(Path.Combine(Root, file)).Stages[^1].Instructions
                .Where(i => i.Name == "ENV")
                .SelectMany(i => i.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(a => a.Split('=')[0]));
        }
        names.AddRange(File.ReadAllLines(Path.Combine(Root, "docker/studybot.env.example"))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .Select(l => l.Split('=')[0].Trim()));

        var settings = names.Where(n => n.Contains("__", StringComparison.Ordinal)).ToList();
        Assert.Contains("Discord__Token", settings);
        Assert.All(settings, n => Assert.True(known.Contains(n.Replace("__", ":", StringComparison.Ordinal)), $"'{n}' is not a configuration key of the bot"));
        Assert.DoesNotContain("STUDYBOT_Discord", File.ReadAllText(Path.Combine(Root, "docker/compose.yaml")), StringComparison.Ordinal);
    }
}
