namespace StudyBot.EndToEnd.Tests.Deployment;

/// <summary>No Docker engine runs here, so these check what can be checked: that the images are built from paths,
/// projects and stages that exist, and run the way the README says.</summary>
public sealed class DockerfileReferences
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
        Assert.Contains(runtime, i => i.Name == "CMD" && i.Arguments.Contains("\"run\"", StringComparison.Ordinal));
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
}
